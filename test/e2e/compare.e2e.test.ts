// The Compare view in Chromium against the real web mode, with an AWS and a Google account added
// against the EC2 and GCE wire emulators (their price lists only: no machine is created): the
// empty states, a refresh cancelled then run to the end, filters narrowing the rows, sorting by
// price and from the keyboard, the chart drawn, and Create machine from a row opening the
// machine form prefilled.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Emulator, type Ec2Emulator } from '../emulators/ec2/index.js';
import { startGceEmulator, type GceEmulator } from '../emulators/gce/index.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const PASSPHRASE = 'e2e compare passphrase';

let root: string;
let ec2: Ec2Emulator;
let gce: GceEmulator;
let server: CrossdockServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageProblems: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled', fullPage: true });
const rows = () => page.getByTestId('compare-row');
const rowData = (name: string) => rows().evaluateAll((list, attr) => list.map((row) => row.getAttribute(attr)), name);
const numbers = async (name: string) => (await rowData(name)).map(Number);

/** The real CLI on the data directory the server will use (run before the server starts). */
function crossdock(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        CROSSDOCK_HOME: join(root, 'data'),
        CROSSDOCK_PASSPHRASE: PASSPHRASE,
        HOME: join(root, 'home'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function open(home: string): Promise<void> {
  server = await startCrossdockServer({ home, env: { CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: join(root, 'home') } });
  ({ browser, page } = await openApp(server.url, pageProblems));
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('view-compare').waitFor();
}

async function close(): Promise<void> {
  await browser?.close();
  await server?.stop();
  browser = undefined;
  server = undefined;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-compare-'));
  mkdirSync(join(root, 'home'));
  // Small pages, each answered after a pause: the refresh takes a few seconds, long enough to
  // watch its progress and cancel it.
  [ec2, gce] = await Promise.all([
    startEc2Emulator({ pricingPageSize: 2, pricingDelayMs: 250 }),
    startGceEmulator({ skuPageSize: 10 }),
  ]);
});

afterAll(async () => {
  await close();
  await Promise.all([ec2?.close(), gce?.close()]);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the Compare view', () => {
  it('says what to do when no cloud account is added', async () => {
    await open(join(root, 'empty'));
    await page.getByTestId('empty-state').waitFor();
    expect(await page.locator('.empty-state-title').textContent()).toBe('No cloud account to compare');
    expect(await page.getByTestId('compare-empty-message').textContent()).toMatch(/No AWS or Google Cloud account/);
    expect(await page.getByTestId('compare-add-account').getAttribute('href')).toBe('#/machines');
    await close();
  });

  it('refreshes the prices from the providers’ APIs, with progress and cancel', async () => {
    const aws = await crossdock(
      [
        'provider',
        'add',
        'aws-emu',
        '--type',
        'aws',
        '--access-key-id',
        ec2.accessKeyId,
        '--region',
        'eu-central-1',
        '--endpoint',
        ec2.endpoint,
      ],
      { AWS_SECRET_ACCESS_KEY: ec2.secretAccessKey },
    );
    expect(aws.code, aws.stderr).toBe(0);
    const keyFile = join(root, 'gce-key.json');
    writeFileSync(keyFile, JSON.stringify(gce.serviceAccountJson));
    const google = await crossdock([
      'provider',
      'add',
      'gce-emu',
      '--type',
      'gcp',
      '--credentials-file',
      keyFile,
      '--region',
      'europe-west1-b',
      '--endpoint',
      gce.endpoint,
    ]);
    expect(google.code, google.stderr).toBe(0);

    await open(join(root, 'data'));
    await page.getByTestId('empty-state').waitFor();
    expect(await page.locator('.empty-state-title').textContent()).toBe('No prices fetched yet');
    expect(await page.getByTestId('compare-empty-message').textContent()).toMatch(/No prices fetched yet/);

    // A first refresh, cancelled while it runs: nothing is saved.
    const refresh = page.getByTestId('prices-refresh');
    await page.getByTestId('prices-refresh-start').click();
    await page.locator('[data-testid="prices-refresh"][data-state="running"]').waitFor({ timeout: 10_000 });
    await refresh.getByTestId('job-progress').waitFor();
    await expect
      .poll(() => refresh.getByTestId('prices-refresh-step').textContent(), { timeout: 10_000 })
      .toMatch(/^Fetch the providers’ price lists: /);
    await page.getByTestId('prices-refresh-cancel').click();
    await expect
      .poll(
        () =>
          page
            .getByTestId('prices-refresh-outcome')
            .textContent()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toMatch(/Refresh cancelled/);
    expect(await page.locator('.empty-state-title').textContent()).toBe('No prices fetched yet');

    // Then one to the end: both accounts' price lists, every size a row.
    await page.getByTestId('prices-refresh-start').click();
    await page.getByTestId('compare-table').waitFor({ timeout: 60_000 });
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(16);
    expect(await page.getByTestId('compare-summary').textContent()).toBe('16 sizes · oldest price fetched just now');
    expect(new Set(await rowData('data-region'))).toEqual(new Set(['eu-central-1', 'europe-west1']));
    // Each price says how old it is.
    expect(await rows().first().locator('td').nth(7).textContent()).toBe('just now');
    await shot('compare-view.png');
  });

  it('narrows the rows with each filter', async () => {
    const filter = (name: string) => page.getByTestId(`compare-filter-${name}`);
    await filter('vcpus').fill('4');
    await expect.poll(() => rows().count()).toBeLessThan(16);
    expect((await numbers('data-vcpus')).every((n) => n >= 4)).toBe(true);
    expect(await page.getByTestId('compare-summary').textContent()).toMatch(/^\d+ of 16 sizes/);
    await filter('vcpus').fill('');

    await filter('memory').fill('16');
    await expect.poll(async () => (await numbers('data-memory')).every((n) => n >= 16)).toBe(true);
    await filter('memory').fill('');

    await filter('arch').selectOption('arm64');
    await expect.poll(async () => new Set(await rowData('data-arch'))).toEqual(new Set(['arm64']));
    expect(new Set(await rowData('data-type'))).toEqual(new Set(['t4g.small', 't4g.medium']));
    await filter('arch').selectOption('');

    await filter('region').fill('europe-west');
    await expect.poll(async () => new Set(await rowData('data-region'))).toEqual(new Set(['europe-west1']));
    await filter('region').fill('');

    await filter('max-monthly').fill('20');
    await expect.poll(() => rows().count()).toBeLessThan(16);
    expect((await numbers('data-monthly')).every((n) => n <= 20)).toBe(true);

    // A value it cannot read is pointed at, and the last good filter stays.
    const before = await rows().count();
    await filter('max-monthly').fill('cheap');
    expect(await page.getByTestId('compare-filters').locator('.form-error').textContent()).toBe(
      'Maximum monthly price (USD) must be a number of at least 0, not “cheap”.',
    );
    expect(await rows().count()).toBe(before);
    await filter('max-monthly').fill('');
    await expect.poll(() => rows().count()).toBe(16);
  });

  it('sorts by price, and by any column from the keyboard', async () => {
    const monthly = await numbers('data-monthly');
    expect(monthly).toEqual([...monthly].sort((a, b) => a - b));
    const byPrice = page.getByTestId('compare-sort-monthlyUsd');
    expect(await byPrice.locator('xpath=..').getAttribute('aria-sort')).toBe('ascending');
    await byPrice.click();
    await expect.poll(() => byPrice.locator('xpath=..').getAttribute('aria-sort')).toBe('descending');
    const dearFirst = await numbers('data-monthly');
    expect(dearFirst).toEqual([...monthly].sort((a, b) => b - a));

    const byVcpus = page.getByTestId('compare-sort-vcpus');
    await byVcpus.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => byVcpus.locator('xpath=..').getAttribute('aria-sort')).toBe('ascending');
    const vcpus = await numbers('data-vcpus');
    expect(vcpus).toEqual([...vcpus].sort((a, b) => a - b));
    await page.keyboard.press('Space');
    await expect.poll(() => byVcpus.locator('xpath=..').getAttribute('aria-sort')).toBe('descending');
  });

  it('draws price against vCPUs or memory, and says there are no measured scores yet', async () => {
    const plot = page.getByTestId('price-chart-plot');
    expect(await plot.getAttribute('data-points')).toBe('16');
    const canvas = plot.locator('canvas');
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);
    // Something is drawn: the canvas holds non-blank pixels.
    const painted = await canvas.evaluate((element) => {
      const c = element as HTMLCanvasElement;
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) count += 1;
      return count;
    });
    expect(painted).toBeGreaterThan(0);
    await page.getByTestId('compare-axis-memoryGiB').check();
    await expect.poll(() => plot.getAttribute('aria-label')).toBe('Price per month against Memory (GiB): 16 sizes');
    expect(await page.getByTestId('compare-performance-note').textContent()).toMatch(/no scores/);
    // Filters narrow the chart too.
    await page.getByTestId('compare-filter-arch').selectOption('arm64');
    await expect.poll(() => plot.getAttribute('data-points')).toBe('2');
    await page.getByTestId('compare-filter-arch').selectOption('');
  });

  it('opens the machine form from a row, prefilled with provider, region and size', async () => {
    const dialog = page.getByTestId('create-machine-dialog');
    const radio = (type: string) =>
      dialog.locator(`[data-testid="size-row"][data-size-type="${type}"] input[type="radio"]`);

    await page.locator('[data-testid="compare-row"][data-type="t3.medium"]').getByTestId('compare-create').click();
    await dialog.waitFor();
    expect(await dialog.getByTestId('create-machine-provider').locator('option:checked').textContent()).toBe(
      'aws-emu — AWS EC2',
    );
    await expect
      .poll(() => dialog.getByTestId('create-machine-location').inputValue(), { timeout: 30_000 })
      .toBe('eu-central-1');
    await radio('t3.medium').waitFor({ timeout: 30_000 });
    expect(await radio('t3.medium').isChecked()).toBe(true);
    // The name is left to the user, and has focus.
    expect(await dialog.getByTestId('create-machine-name').inputValue()).toBe('');
    await shot('compare-create-prefilled.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('compare-filter-region').fill('gcp');
    await page.locator('[data-testid="compare-row"][data-type="e2-standard-4"]').getByTestId('compare-create').click();
    await dialog.waitFor();
    expect(await dialog.getByTestId('create-machine-provider').locator('option:checked').textContent()).toMatch(
      /^gce-emu — /,
    );
    // GCE makes machines in a zone: the account's own zone in that region.
    await expect
      .poll(() => dialog.getByTestId('create-machine-location').inputValue(), { timeout: 30_000 })
      .toBe('europe-west1-b');
    await radio('e2-standard-4').waitFor({ timeout: 30_000 });
    expect(await radio('e2-standard-4').isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows what the machines run today cost', async () => {
    const panel = page.getByTestId('running-today');
    await panel.waitFor();
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toMatch(/No machines yet|so far this month/);
  });

  it('did all of that without uncaught page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
