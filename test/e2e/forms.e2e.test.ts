// Rough edges of the forms (issue 12, points 4 and 5), in Chromium against the real web mode:
// Settings' secret count follows a generated key without locking the vault; the Machines table
// says where a sandbox machine is as the Providers table does; the deploy dialog's example uses
// an image the chosen host already has. The host is this computer's own Docker engine (added
// with `crossdock host add --local` beforehand); the "sandbox machine" is a stopped container
// carrying the local provider's labels (made here, removed at the end), so no machine is built.
// The port-conflict advice in the app is covered by workloads.e2e (it needs a deployed project).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upDockerRig } from '../integration/docker-rig.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const PASSPHRASE = 'e2e forms passphrase';
const RUN = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const HOST = `e2e-forms-local-${RUN}`;
const SANDBOX = `e2e-forms-sandbox-${RUN}`;
const KEY = `e2e-forms-key-${RUN}`;

let root: string;
let server: CrossdockServer;
let browser: Browser;
let page: Page;
let sandboxContainer = '';
const pageProblems: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });

function docker(args: string[]): string {
  const run = spawnSync('docker', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout.trim();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The rig loads the tiny test image into this computer's engine: the sandbox stand-in uses it.
  const rig = await upDockerRig(1);
  sandboxContainer = docker([
    'create',
    '--label',
    'crossdock=managed',
    '--label',
    `crossdock.sandbox.name=${SANDBOX}`,
    '--label',
    'crossdock.os=debian-12',
    rig.testImage,
  ]);
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-forms-'));
  const env = { CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: join(root, 'home') };
  mkdirSync(env.HOME);
  const home = join(root, 'data');
  const added = spawnSync(process.execPath, ['bin/crossdock.mjs', 'host', 'add', HOST, '--local'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, CROSSDOCK_HOME: home },
    encoding: 'utf8',
  });
  if (added.status !== 0) throw new Error(`crossdock host add failed: ${added.stderr}`);
  server = await startCrossdockServer({ home, env });
  ({ browser, page } = await openApp(server.url, pageProblems));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (sandboxContainer) spawnSync('docker', ['rm', '-f', sandboxContainer]);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('forms', () => {
  it('Settings counts a generated key among the vault’s secrets at once, without a lock and unlock', async () => {
    await page.getByTestId('nav-settings').click();
    const status = page.getByTestId('vault-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('unlocked');
    const before = Number((await status.textContent())?.match(/(\d+) secrets?/)?.[1]);
    expect(Number.isInteger(before)).toBe(true);

    await page.getByTestId('key-generate').click();
    const dialog = page.getByTestId('generate-key-dialog');
    await dialog.getByTestId('generate-key-name').fill(KEY);
    await dialog.getByTestId('generate-key-submit').click();
    await dialog.getByTestId('generate-key-done').click();
    await expect
      .poll(() => status.textContent(), { timeout: 5_000 })
      .toContain(`${before + 1} secret${before + 1 === 1 ? '' : 's'}`);
    await shot('forms-vault-count.png');
  });

  it('the Machines table says where a sandbox machine is as the Providers table does: this computer', async () => {
    await page.getByTestId('nav-machines').click();
    const row = page.locator(`[data-testid="machine-row"][data-machine-name="${SANDBOX}"]`);
    await row.waitFor({ timeout: 30_000 });
    const provider = page.locator('[data-testid="provider-row"][data-provider-kind="local"]').first();
    expect((await provider.getByTestId('provider-location').textContent())?.trim()).toBe('this computer');
    expect((await row.getByTestId('machine-location').textContent())?.trim()).toBe('this computer');
    await shot('forms-machine-location.png');
  });

  it('the deploy dialog’s example uses an image the chosen host already has', async () => {
    const tags = docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])
      .split('\n')
      .filter((tag) => !tag.includes('<none>'));
    await page.getByTestId('nav-workloads').click();
    await page.getByTestId('deploy-open').click();
    const dialog = page.getByTestId('deploy-dialog');
    await dialog.waitFor();
    const hostId = await dialog.getByTestId('deploy-host').locator('option', { hasText: HOST }).getAttribute('value');
    await dialog.getByTestId('deploy-host').selectOption(hostId ?? '');
    const note = dialog.getByTestId('deploy-example-note');
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain('already has');
    const editor = dialog.getByTestId('deploy-compose');
    const image = await editor.getAttribute('data-example-image');
    expect(tags).toContain(image);
    expect(await editor.getAttribute('placeholder')).toContain(`image: ${image}`);
    expect(await editor.getAttribute('placeholder')).not.toContain('nginx:1.27');
    await shot('forms-deploy-example.png');
    await dialog.press('Escape');
  });

  it('left no page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
