// The Bootstrap button, in Chromium against the real web mode: a fresh Debian machine with no
// Docker (the rig's `fresh` machine), added beforehand through the real CLI in the same data
// directory; the button starts the job, whose live log opens in the jobs panel, and the job ends
// with Docker verified on the machine.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshMachines } from '../integration/fresh-rig.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { CHROMIUM } from './global-setup.js';

const PASSPHRASE = 'e2e bootstrap passphrase';
let root: string;
let server: CrossdockServer;
let browser: Browser;
let page: Page;
let machineName: string;

beforeAll(async () => {
  const rig = await freshMachines(1);
  const machine = rig.machines[0];
  if (!machine) throw new Error('rig.sh fresh 1 made no machine');
  machineName = machine.name;
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-bootstrap-'));
  const env = { CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: join(root, 'home') };
  mkdirSync(env.HOME);
  const home = join(root, 'data');
  const fingerprint = await machineHostKeyFingerprint(machine.name);
  const added = spawnSync(
    process.execPath,
    [
      'bin/crossdock.mjs',
      'host',
      'add',
      'fresh',
      '--ssh',
      `root@${machine.address}`,
      '--key',
      rig.keyPath,
      '--trust',
      fingerprint,
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, CROSSDOCK_HOME: home },
      encoding: 'utf8',
    },
  );
  if (added.status !== 0) throw new Error(`crossdock host add failed: ${added.stderr}`);
  server = await startCrossdockServer({ home, env });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('bootstrap from the host view', () => {
  it('starts a job from the Bootstrap button, shows its live log, and ends with Docker running', async () => {
    await page.getByTestId('nav-hosts').click();
    const row = page.getByTestId('host-row').filter({ hasText: 'fresh' });
    await row.getByTestId('host-bootstrap').click();
    const dialog = page.getByTestId('bootstrap-dialog');
    await dialog.waitFor();
    // Root needs no sudo password; the dialog only confirms (and offers distribution packages).
    expect(await dialog.getByTestId('sudo-password').count()).toBe(0);
    await dialog.getByTestId('bootstrap-start').click();

    const panel = page.getByTestId('jobs-panel');
    const job = panel.getByTestId('job-row').filter({ hasText: 'fresh' }).first();
    await job.waitFor({ timeout: 30_000 });
    const log = panel.getByTestId('job-log');
    await expect.poll(() => log.textContent(), { timeout: 60_000 }).toContain('apt');
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 240_000, interval: 1_000 }).toBe('succeeded');
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain('[verify]');
    await page.screenshot({ path: join(REPO_ROOT, 'test/e2e/artifacts/bootstrap.png') });

    const version = spawnSync('docker', ['exec', machineName, 'docker', 'version', '--format', '{{.Server.Version}}'], {
      encoding: 'utf8',
    });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+/);
  }, 420_000); // the job alone may take its 240 s poll: an apt install on a busy machine
});
