// Workload secrets from the page, in Chromium against the real web mode: rig machine
// crossdock-docker-2 (real SSH, its own Docker engine, shared with workloads.e2e) is added as a
// host through the real CLI beforehand. Then, all in the page and by keyboard where a person
// would type: the Secrets panel of the Workloads view, a compose file that uses a secret the vault
// lacks, the secret added (a bad name refused first, the value typed into a password field and
// never shown again), the file deployed and the value read inside the container at /run/secrets
// with the docker CLI on the machine, and the secret removed after a confirmation naming it. Last,
// with the vault locked, adding a secret goes through the vault's unlock prompt.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineNamed, onMachine, upDockerRig } from '../integration/docker-rig.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const MACHINE = 'crossdock-docker-2';
const HOST = 'e2e-s2';
const PASSPHRASE = 'e2e workload secrets passphrase';
/** Unique per run: the machine is shared with other test files. */
const RUN = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const PROJECT = `e2e-sec-${RUN}`;
const SECRET = `e2e_db_password_${RUN}`;
/** Spaces and punctuation on purpose: the value must arrive exactly as typed. */
const VALUE = `s3cret ${RUN}, with spaces & "quotes"`;
/** A part of the value that no HTML or JSON escaping changes, to look for where it must not be. */
const VALUE_CORE = `s3cret ${RUN}`;
/** Stored while the vault is locked: the add waits for the passphrase. */
const LOCKED_SECRET = `e2e_api_token_${RUN}`;

let root: string;
let server: CrossdockServer;
let browser: Browser;
let page: Page;
let testImage: string;
const pageProblems: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });
const panel = () => page.getByTestId('secrets-panel');
const secretRow = () => panel().locator(`[data-testid="secret-row"][data-secret="${SECRET}"]`);
const container = `${PROJECT}-app-1`;

/** A service that keeps running, with the vault's secret mounted where compose puts it. */
function composeFile(): string {
  return [
    `name: ${PROJECT}`,
    'services:',
    '  app:',
    `    image: ${testImage}`,
    '    command: ["sleep", "3600"]',
    '    secrets:',
    `      - ${SECRET}`,
    'secrets:',
    `  ${SECRET}:`,
    '    external: true',
    '',
  ].join('\n');
}

async function openDeployDialog(): Promise<ReturnType<Page['getByTestId']>> {
  await page.getByTestId('deploy-open').click();
  const dialog = page.getByTestId('deploy-dialog');
  await dialog.waitFor();
  await dialog.getByTestId('deploy-compose').fill(composeFile());
  await expect
    .poll(() => dialog.getByTestId('deploy-check-state').textContent(), { timeout: 15_000 })
    .toBe('The file is valid.');
  return dialog;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const rig = await upDockerRig(2);
  testImage = rig.testImage;
  const machine = machineNamed(rig, MACHINE);
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-secrets-'));
  const env = { CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: join(root, 'home') };
  mkdirSync(env.HOME);
  const home = join(root, 'data');
  const added = spawnSync(
    process.execPath,
    [
      'bin/crossdock.mjs',
      'host',
      'add',
      HOST,
      '--ssh',
      `root@${machine.address}`,
      '--key',
      rig.keyPath,
      '--trust',
      await machineHostKeyFingerprint(MACHINE),
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...env, CROSSDOCK_HOME: home }, encoding: 'utf8' },
  );
  if (added.status !== 0) throw new Error(`crossdock host add failed: ${added.stderr}`);
  server = await startCrossdockServer({ home, env });
  ({ browser, page } = await openApp(server.url, pageProblems));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  // Whatever a failed test left of this run's project; nobody else's.
  await onMachine(
    MACHINE,
    `docker rm -f $(docker ps -aq --filter label=com.docker.compose.project=${PROJECT}) >/dev/null 2>&1; docker network rm $(docker network ls -q --filter label=com.docker.compose.project=${PROJECT}) >/dev/null 2>&1; true`,
  ).catch(() => undefined);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('workload secrets from the page', () => {
  it('lists no secrets yet (the SSH key in the vault is not one), and a file using one says it is missing', async () => {
    await page.getByTestId('nav-workloads').click();
    await page.getByTestId('view-workloads').waitFor();
    await panel().getByTestId('secrets-empty').waitFor({ timeout: 15_000 });
    expect(await panel().getByRole('heading').textContent()).toBe('Secrets');

    const dialog = await openDeployDialog();
    expect(await dialog.getByTestId('compose-missing-secrets').textContent()).toContain(
      `Secrets missing from the vault: ${SECRET}`,
    );
    await dialog.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('adds a secret by keyboard: a bad name is refused first, Enter submits, the value is never shown again', async () => {
    await panel().getByTestId('add-secret').click();
    const dialog = page.getByTestId('add-secret-dialog');
    await dialog.waitFor();
    // The name has focus; its label and the value's are real labels.
    expect(await dialog.getByLabel('Name').evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await dialog.getByLabel('Value').getAttribute('type')).toBe('password');

    await page.keyboard.type('db password');
    await page.keyboard.press('Tab');
    await page.keyboard.type(VALUE);
    await page.keyboard.press('Enter');
    expect(
      await dialog.getByText('Use letters, digits, ".", "_" or "-" only (no spaces), e.g. db_password.').isVisible(),
    ).toBe(true);
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await shot('secret-add-refused.png');

    await dialog.getByLabel('Name').fill(SECRET);
    await dialog.getByLabel('Value').press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await secretRow().waitFor({ timeout: 15_000 });
    expect(await secretRow().locator('th').textContent()).toBe(SECRET);
    expect(
      await page
        .getByTestId('notice')
        .filter({ hasText: `Stored secret ${SECRET}` })
        .count(),
    ).toBe(1);
    // The value went to the vault and nowhere into the page.
    expect(await page.content()).not.toContain(VALUE_CORE);
    await shot('secrets-panel.png');

    // Typing the stored name again says the value would be replaced; Escape closes without storing.
    await panel().getByTestId('add-secret').click();
    await dialog.waitFor();
    await dialog.getByLabel('Name').fill(SECRET);
    expect(await dialog.getByTestId('add-secret-submit').textContent()).toBe(`Replace ${SECRET}`);
    expect(await dialog.getByTestId('add-secret-replaces').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('deploys a compose file that uses the secret; the container reads the value at /run/secrets', async () => {
    const dialog = await openDeployDialog();
    expect(await dialog.getByTestId('compose-missing-secrets').count()).toBe(0);
    await dialog.getByTestId('deploy-submit').click();
    const progress = dialog.getByTestId('deploy-progress');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 90_000, interval: 500 }).toBe('succeeded');
    await dialog.getByTestId('deploy-done').click();
    await dialog.waitFor({ state: 'detached' });

    expect((await onMachine(MACHINE, `docker inspect -f '{{.State.Status}}' ${container}`)).trim()).toBe('running');
    expect(await onMachine(MACHINE, `docker exec ${container} cat /run/secrets/${SECRET}`)).toBe(VALUE);
    // The value is in the container's file only, not in its configuration.
    expect(await onMachine(MACHINE, `docker inspect ${container}`)).not.toContain(VALUE_CORE);
  });

  it('removes the secret after a confirmation naming it, Cancel first in focus', async () => {
    await secretRow()
      .getByRole('button', { name: `Remove secret ${SECRET}` })
      .click();
    const confirm = page.getByTestId('secret-remove-dialog');
    await confirm.waitFor();
    expect(await confirm.getByRole('heading').textContent()).toBe(`Remove secret ${SECRET}?`);
    expect(await confirm.textContent()).toContain(`The value of ${SECRET} is deleted from the vault`);
    expect(
      await confirm.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement),
    ).toBe(true);
    await shot('secret-remove.png');
    await confirm.getByTestId('secret-remove-dialog-confirm').click();
    await confirm.waitFor({ state: 'detached', timeout: 15_000 });
    await secretRow().waitFor({ state: 'detached', timeout: 15_000 });
    await panel().getByTestId('secrets-empty').waitFor();

    // The vault no longer has it: a file that uses it says so again.
    const dialog = await openDeployDialog();
    expect(await dialog.getByTestId('compose-missing-secrets').textContent()).toContain(SECRET);
    await dialog.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('with the vault locked, says so, and adding a secret asks for the passphrase first', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('vault-lock').click();
    await expect.poll(() => page.getByTestId('vault-status').getAttribute('data-state')).toBe('locked');
    await page.getByTestId('nav-workloads').click();
    expect(await panel().getByTestId('secrets-vault-locked').textContent()).toContain('The vault is locked');

    await panel().getByTestId('add-secret').click();
    const dialog = page.getByTestId('add-secret-dialog');
    await dialog.getByLabel('Name').fill(LOCKED_SECRET);
    await dialog.getByLabel('Value').fill(VALUE);
    await dialog.getByLabel('Value').press('Enter');
    const prompt = page.getByTestId('vault-prompt');
    await prompt.getByTestId('vault-unlock-form').waitFor();
    // Closing the prompt stores nothing, and the dialog says why.
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
    expect(await dialog.getByTestId('add-secret-error').textContent()).toContain(
      'The vault is locked, so nothing was stored.',
    );
    expect(await panel().getByTestId('secret-row').count()).toBe(0);

    await dialog.getByTestId('add-secret-submit').click();
    await prompt.getByTestId('vault-passphrase').fill(PASSPHRASE);
    await prompt.getByTestId('vault-passphrase').press('Enter');
    await prompt.waitFor({ state: 'detached', timeout: 30_000 });
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const row = panel().locator(`[data-testid="secret-row"][data-secret="${LOCKED_SECRET}"]`);
    await row.waitFor({ timeout: 15_000 });
    await panel().getByTestId('secrets-vault-locked').waitFor({ state: 'detached' });

    // Removed again, so this run leaves nothing in its (temporary) vault either.
    await row.getByTestId('secret-remove').click();
    await page.getByTestId('secret-remove-dialog-confirm').click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('did all of that without uncaught page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
