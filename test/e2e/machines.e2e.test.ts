// Machines and providers from the page, in Chromium against the real web mode: a machine is
// created on the built-in local sandbox through the form (a real system container on this
// computer's Docker engine, reached by real SSH, Docker bootstrapped in it), followed to the end,
// stopped, started and destroyed; then an AWS account is added against the EC2 wire emulator,
// first with a wrong secret (refused, nothing saved), then with the right one.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MACHINE_CREATE_JOB } from '../../shared/index.js';
import { startEc2Emulator, type Ec2Emulator } from '../emulators/ec2/index.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const PASSPHRASE = 'e2e machines passphrase';
/** Unique per run: the sandbox's containers live on the shared local engine. */
const MACHINE = `e2e-m-${process.pid}-${Date.now().toString(36)}`;
const CONTAINER = `crossdock-sandbox-${MACHINE}`;
const AWS_NAME = 'e2e-aws';

let root: string;
let server: CrossdockServer;
let emulator: Ec2Emulator;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });
const machineRow = () =>
  page.locator(`[data-testid="machine-row"][data-machine-name="${MACHINE}"][data-provider-kind="local"]`);
const providerNames = () =>
  page.getByTestId('provider-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-provider-name')));

/** What the local engine has of this machine, by name and by the sandbox's label. */
function sandboxContainers(): string {
  const byName = execFileSync('docker', ['ps', '-a', '--filter', `name=^/${CONTAINER}$`, '--format', '{{.Names}}'], {
    encoding: 'utf8',
  });
  const byLabel = execFileSync(
    'docker',
    ['ps', '-a', '--filter', `label=crossdock.sandbox.name=${MACHINE}`, '--format', '{{.Names}}'],
    { encoding: 'utf8' },
  );
  return `${byName}${byLabel}`.trim();
}

function containerStatus(): string {
  return execFileSync('docker', ['inspect', '--format', '{{.State.Status}}', CONTAINER], { encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // What the sandbox needs and nothing more: a running engine (started if none answers) and the
  // debian:12 image its machines are built from (made by debootstrap where there is no registry).
  // The rig's SSH machines are not used here, so their state cannot fail this file.
  await promisify(execFile)('bash', [join(REPO_ROOT, 'test/rig/rig.sh'), 'base'], { maxBuffer: 16 * 1024 * 1024 });
  emulator = await startEc2Emulator();
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-machines-'));
  const home = join(root, 'home'); // no ~/.aws, ~/.ssh of whoever runs the tests
  mkdirSync(home);
  server = await startCrossdockServer({
    home: join(root, 'data'),
    env: { CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: home },
  });
  ({ browser, page } = await openApp(server.url, pageProblems));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await emulator?.close();
  // Whatever a failed test left of this run's machine; nobody else's.
  try {
    execFileSync('docker', ['rm', '-f', '-v', CONTAINER], { stdio: 'ignore' });
  } catch {
    // not there: nothing to clean
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('machines from the page', () => {
  it('creates a machine on the local sandbox from the form, following create → SSH → bootstrap to the end', async () => {
    await page.getByTestId('nav-machines').click();
    await page.getByTestId('view-machines').waitFor();
    await expect.poll(providerNames, { timeout: 15_000 }).toEqual(['local']);

    await page.getByTestId('create-machine').first().click();
    const dialog = page.getByTestId('create-machine-dialog');
    await dialog.waitFor();
    // The name field has focus; the local sandbox is the default provider.
    expect(await dialog.getByTestId('create-machine-name').evaluate((input) => input === document.activeElement)).toBe(
      true,
    );
    expect(await dialog.getByTestId('create-machine-provider').inputValue()).toBe('local');

    // The sandbox's sizes side by side, in normalised terms, with the classes marked.
    const sizes = dialog.getByTestId('size-row');
    await expect.poll(() => sizes.count(), { timeout: 15_000 }).toBe(3);
    expect(await sizes.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-size-class')))).toEqual([
      'small',
      'medium',
      'large',
    ]);
    expect(await sizes.first().locator('td, th').allTextContents()).toEqual([
      '',
      'sandbox-small',
      'small',
      '2',
      '2 GiB',
      'amd64',
      '$0',
    ]);
    expect(await dialog.locator('[data-size-type="sandbox-small"] input[type="radio"]').isChecked()).toBe(true);

    // Bad input is pointed at before anything is sent.
    await dialog.getByTestId('create-machine-name').fill(MACHINE);
    await dialog.getByTestId('create-machine-ports').fill('8080, http');
    await dialog.getByTestId('create-machine-submit').click();
    expect(await dialog.locator('.form-error').allTextContents()).toEqual([
      '“http” is not a port: use numbers from 1 to 65535, separated by commas.',
    ]);
    expect(await dialog.getByTestId('machine-progress').count()).toBe(0);
    await dialog.getByTestId('create-machine-ports').fill('8080');
    await shot('machines-create-form.png');
    // Enter submits the form.
    await dialog.getByTestId('create-machine-ports').press('Enter');

    const progress = dialog.getByTestId('machine-progress');
    await progress.waitFor({ timeout: 30_000 });
    const stages = dialog.getByTestId('machine-stage');
    expect(await stages.evaluateAll((items) => items.map((item) => item.getAttribute('data-step')))).toEqual(
      MACHINE_CREATE_JOB.steps.map((step) => step.id),
    );
    // The machine is created, answers SSH with the key its provider reported, then gets Docker.
    await expect
      .poll(() => dialog.locator('[data-step="ssh"]').getAttribute('data-status'), { timeout: 120_000 })
      .not.toBe('pending');
    await expect
      .poll(() => dialog.locator('[data-step="bootstrap"]').getAttribute('data-status'), { timeout: 120_000 })
      .toBe('active');
    await shot('machines-create-progress.png');
    await expect
      .poll(() => progress.getAttribute('data-state'), { timeout: 420_000, interval: 1_000 })
      .toBe('succeeded');
    expect(await stages.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')))).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
    const log = dialog.getByTestId('machine-progress-log');
    expect(await log.textContent()).toContain('Host keys reported by the provider');
    expect(await dialog.getByTestId('machine-ready').textContent()).toContain(MACHINE);
    await shot('machines-create-done.png');

    await dialog.getByTestId('machine-create-done').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => machineRow().getAttribute('data-state'), { timeout: 30_000 }).toBe('running');
    expect(await machineRow().getByTestId('machine-host').textContent()).toBe(MACHINE);
    expect(await machineRow().getByTestId('machine-address').textContent()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await machineRow().textContent()).toContain('sandbox-small');
    expect(containerStatus()).toBe('running');
    // Its cost this month: the sandbox is free, and says so; only servers added by SSH get a hand-set price.
    await expect
      .poll(
        () =>
          machineRow()
            .getByTestId('machine-cost-source')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('free: runs on this computer');
    expect(await machineRow().getByTestId('machine-cost-so-far').textContent()).toBe('$0.00');
    expect(await machineRow().getByTestId('machine-set-price').count()).toBe(0);
    await shot('machines-list.png');
  }, 600_000);

  it('stops and starts the machine from its row', async () => {
    await machineRow().getByTestId('machine-stop').click();
    await expect.poll(() => machineRow().getAttribute('data-state'), { timeout: 60_000 }).toBe('stopped');
    expect(containerStatus()).toBe('exited');
    expect(await machineRow().getByTestId('machine-stop').isDisabled()).toBe(true);

    await machineRow().getByTestId('machine-start').click();
    await expect.poll(() => machineRow().getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    expect(containerStatus()).toBe('running');
    expect(await page.getByTestId('machine-error').count()).toBe(0);
  });

  it('destroys the machine after a confirmation that names it, leaving no container behind', async () => {
    await machineRow().getByTestId('machine-destroy').click();
    const confirm = page.getByTestId('machine-destroy-dialog');
    await confirm.waitFor();
    expect(await confirm.getByRole('heading').textContent()).toBe(`Destroy ${MACHINE}?`);
    expect(await confirm.textContent()).toContain(`the host ${MACHINE} is removed from Crossdock`);
    // The safe answer has focus: Enter alone destroys nothing.
    expect(
      await confirm.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect(await machineRow().count()).toBe(1);

    await machineRow().getByTestId('machine-destroy').click();
    await confirm.waitFor();
    await shot('machines-destroy-confirm.png');
    await confirm.getByTestId('machine-destroy-dialog-confirm').click();
    await confirm.waitFor({ state: 'detached', timeout: 60_000 });
    await machineRow().waitFor({ state: 'detached', timeout: 30_000 });
    expect(sandboxContainers()).toBe('');
    // Its host went with it.
    await page.getByTestId('nav-hosts').click();
    await page.getByTestId('view-hosts').waitFor();
    expect(await page.locator(`[data-testid="host-row"][data-host-name="${MACHINE}"]`).count()).toBe(0);
  });
});

describe('providers from the page', () => {
  it('refuses an AWS account with a wrong secret, saving nothing, and adds it with the right one', async () => {
    await page.getByTestId('nav-machines').click();
    await page.getByTestId('add-provider').click();
    const dialog = page.getByTestId('add-provider-dialog');
    await dialog.waitFor();

    // The contract's schema is checked in the page first.
    await dialog.getByTestId('add-provider-submit').click();
    expect(await dialog.locator('.form-error').allTextContents()).toEqual([
      'Give the provider a name.',
      'Give the region.',
      'Give the access key ID.',
      'Give the secret access key.',
    ]);

    await dialog.getByTestId('add-provider-name').fill(AWS_NAME);
    await dialog.getByTestId('add-provider-region').fill(emulator.region);
    await dialog.getByTestId('add-provider-access-key-id').fill(emulator.accessKeyId);
    await dialog.getByTestId('add-provider-secret-access-key').fill('not-the-secret-access-key-0000000000000');
    await dialog.getByTestId('add-provider-endpoint').fill(emulator.endpoint);
    await dialog.getByTestId('add-provider-submit').click();
    const error = dialog.getByTestId('add-provider-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain('PROVIDER_AUTH_FAILED');
    expect(await error.textContent()).toContain(`AWS (${AWS_NAME}) refused the credentials`);
    expect(await dialog.isVisible()).toBe(true);
    await shot('providers-auth-failed.png');
    expect(await providerNames()).toEqual(['local']);
    // Nothing was saved: a fresh page asks providers.list again.
    await page.reload();
    await page.getByTestId('view-machines').waitFor();
    await expect.poll(providerNames, { timeout: 15_000 }).toEqual(['local']);

    await page.getByTestId('add-provider').click();
    await dialog.waitFor();
    await dialog.getByTestId('add-provider-name').fill(AWS_NAME);
    await dialog.getByTestId('add-provider-region').fill(emulator.region);
    await dialog.getByTestId('add-provider-access-key-id').fill(emulator.accessKeyId);
    await dialog.getByTestId('add-provider-secret-access-key').fill(emulator.secretAccessKey);
    await dialog.getByTestId('add-provider-endpoint').fill(emulator.endpoint);
    await dialog.getByTestId('add-provider-submit').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(providerNames).toEqual(['local', AWS_NAME]);
    expect(
      await page.locator(`[data-testid="provider-row"][data-provider-name="${AWS_NAME}"]`).textContent(),
    ).toContain('In the vault');
    await page.reload();
    await page.getByTestId('view-machines').waitFor();
    await expect.poll(providerNames, { timeout: 15_000 }).toEqual(['local', AWS_NAME]);
  });

  it('shows the account’s EC2 sizes in the create form, with prices once its price list is fetched', async () => {
    await page.getByTestId('create-machine').first().click();
    const dialog = page.getByTestId('create-machine-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('create-machine-provider').selectOption({ label: `${AWS_NAME} — AWS EC2` });
    const location = dialog.getByTestId('create-machine-location');
    // The account's own region and its zones first, then its other regions.
    await expect
      .poll(async () => (await location.locator('option').allTextContents()).slice(0, 4), { timeout: 30_000 })
      .toEqual([`${emulator.region} (any zone)`, `${emulator.region}a`, `${emulator.region}b`, `${emulator.region}c`]);
    expect(await location.locator('option').allTextContents()).toContain('eu-west-1 (any zone)');
    expect(await location.inputValue()).toBe(emulator.region);
    const small = dialog.locator('[data-testid="size-row"][data-size-type="t3.small"]');
    await small.waitFor({ timeout: 30_000 });
    const row = ['', 't3.small', 'small', '2', '2 GiB', 'amd64'];
    // No price before the account's price list is fetched: never a guess.
    expect(await small.locator('td, th').allTextContents()).toEqual([...row, '—']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Fetched through the CLI beside the running app (one data directory): the form reads the cache.
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin/crossdock.mjs'), 'cost', '--refresh'], {
      env: {
        ...process.env,
        CROSSDOCK_HOME: join(root, 'data'),
        CROSSDOCK_PASSPHRASE: PASSPHRASE,
        HOME: join(root, 'home'),
      },
    });
    await page.getByTestId('create-machine').first().click();
    await dialog.waitFor();
    await dialog.getByTestId('create-machine-provider').selectOption({ label: `${AWS_NAME} — AWS EC2` });
    await small.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => small.locator('td, th').allTextContents(), { timeout: 15_000 })
      .toEqual([...row, '$0.0208']);
    expect(
      await dialog
        .getByTestId('size-row')
        .evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('data-size-class'))),
    ).toEqual(['small', 'medium', 'large']);
    expect(await small.locator('input[type="radio"]').isChecked()).toBe(true);
    await shot('machines-create-aws-sizes.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('removes the provider after a confirmation', async () => {
    await page
      .locator(`[data-testid="provider-row"][data-provider-name="${AWS_NAME}"]`)
      .getByTestId('provider-remove')
      .click();
    const confirm = page.getByTestId('provider-remove-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(AWS_NAME);
    await confirm.getByTestId('provider-remove-dialog-confirm').click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(providerNames).toEqual(['local']);
  });

  it('did all of that without uncaught page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
