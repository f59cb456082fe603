import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCrossdockServerWithTestJobs, type CrossdockServerWithTestJobs } from './crossdock-server.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');

const VIEWS = [
  { id: 'hosts', heading: 'No hosts yet', mentions: 'Add the servers you already have by SSH' },
  { id: 'containers', heading: 'No containers to show yet', mentions: 'Every container on every host' },
  { id: 'machines', heading: 'No machines yet', mentions: 'AWS EC2 or Google Compute Engine' },
  { id: 'workloads', heading: 'No workloads yet', mentions: 'compose projects' },
  { id: 'migrations', heading: 'No migrations yet', mentions: 'with its data from one provider to another' },
  {
    id: 'compare',
    heading: 'No cloud account to compare',
    mentions: 'Every size of every provider and region side by side',
  },
] as const;

let server: CrossdockServerWithTestJobs;
let browser: Browser;
let page: Page;
/** Uncaught exceptions and CSP violations in the page; any of them fails the last test. */
const pageProblems: string[] = [];
/**
 * The page's WebSockets pass through Playwright on their way to the real server, so a test can
 * drop a connection, or change a call's arguments to provoke a real error from the core.
 */
const sockets: WebSocketRoute[] = [];
let alterCall: ((frame: { method: string; args: Record<string, unknown> }) => void) | null = null;

function relayToServer(socket: WebSocketRoute): void {
  const server = socket.connectToServer();
  sockets.push(socket);
  socket.onMessage((message) => {
    const frame = JSON.parse(message.toString()) as { t: string; method: string; args: Record<string, unknown> };
    if (frame.t === 'call') alterCall?.(frame);
    server.send(JSON.stringify(frame));
  });
}

const connection = () => page.getByTestId('connection-status');
const theme = () => page.evaluate(() => document.documentElement.dataset.theme);

async function waitUntilConnected(): Promise<void> {
  await expect.poll(() => connection().getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
}

/** Starts a long job of the tests' own kind in the server's core, and opens the jobs panel on it. */
async function startLongJob(): Promise<string> {
  const jobId = await server.startTestJob();
  if ((await page.getByTestId('jobs-panel').getAttribute('data-open')) !== 'true')
    await page.getByTestId('jobs-toggle').click();
  await page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`).waitFor();
  return jobId;
}

async function openView(id: string): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
  await page.getByTestId(`view-${id}`).waitFor();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startCrossdockServerWithTestJobs();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.routeWebSocket(/\/rpc\?token=/, relayToServer);
  page.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      pageProblems.push(`CSP: ${message.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Crossdock shell in web mode', () => {
  it('loads and says it is connected to the core', async () => {
    await page.goto(server.url);
    await waitUntilConnected();
    await expect.poll(() => connection().textContent()).toContain('Connected');
    expect(await page.getByTestId('nav-hosts').getAttribute('aria-current')).toBe('page');
  });

  it('opens every view from the sidebar, each explaining what it will hold', async () => {
    for (const view of VIEWS) {
      await openView(view.id);
      const pane = page.getByTestId(`view-${view.id}`);
      const emptyState = pane.getByTestId('empty-state');
      await emptyState.waitFor();
      // Some views show their empty state with a neutral title while the list is still loading.
      await expect.poll(() => emptyState.getByRole('heading', { level: 2 }).textContent()).toBe(view.heading);
      expect(await emptyState.textContent()).toContain(view.mentions);
      expect(await page.getByTestId(`nav-${view.id}`).getAttribute('aria-current')).toBe('page');
    }
    await openView('settings');
    await page.getByTestId('system-info').waitFor();
    expect(await page.getByTestId('system-info').textContent()).toContain('Web mode');
  });

  it('moves between views with the Alt+digit shortcuts named in the tooltips', async () => {
    expect(await page.getByTestId('nav-containers').getAttribute('title')).toBe('Containers (Alt+2)');
    await page.keyboard.press('Alt+2');
    await page.getByTestId('view-containers').waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('view-hosts').waitFor();
  });

  it('reconnects by itself when the connection drops, and live job updates resume', async () => {
    for (const socket of sockets.splice(0)) await socket.close();
    await expect.poll(() => connection().getAttribute('data-state')).not.toBe('connected');
    await waitUntilConnected();

    // Progress only arrives as jobs.changed events, so this proves the new client subscribed again.
    const row = page.locator(`[data-testid="job-row"][data-job-id="${await startLongJob()}"]`);
    await expect
      .poll(async () => Number(await row.getByTestId('job-progress').getAttribute('data-fraction')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await row.getByTestId('job-cancel').click();
    await expect
      .poll(() => page.locator('[data-testid="job-row"][data-state="running"]').count(), { timeout: 15_000 })
      .toBe(0);
  });

  it("shows a failed call as a notice with the core's message and error code", async () => {
    const row = page.locator(`[data-testid="job-row"][data-job-id="${await startLongJob()}"]`);
    alterCall = (frame) => {
      if (frame.method === 'jobs.cancel') frame.args = { id: 'no-such-job' };
    };
    try {
      await row.getByTestId('job-cancel').click();
      const notice = page.getByTestId('notice').filter({ hasText: 'Could not cancel the job' });
      await notice.waitFor();
      expect(await notice.textContent()).toContain('There is no job with id no-such-job');
      expect(await notice.locator('code').textContent()).toBe('NOT_FOUND');
      expect(await notice.getAttribute('role')).toBe('alert');
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await notice.waitFor({ state: 'detached' });
    } finally {
      alterCall = null;
    }
    await row.getByTestId('job-cancel').click();
    await expect
      .poll(() => page.locator('[data-testid="job-row"][data-state="running"]').count(), { timeout: 15_000 })
      .toBe(0);
  });

  it("shows a job's progress advancing in the jobs panel, its log, and cancels it there", async () => {
    const started = await startLongJob();
    const panel = page.getByTestId('jobs-panel');
    const row = panel.locator(`[data-testid="job-row"][data-job-id="${started}"]`);
    await row.waitFor();
    const fraction = async (): Promise<number> =>
      Number(await row.getByTestId('job-progress').getAttribute('data-fraction'));
    await expect.poll(fraction, { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await fraction();
    await expect.poll(fraction, { timeout: 10_000 }).toBeGreaterThan(first);

    // The log shows the backlog and keeps following live lines.
    await row.getByTestId('job-show-log').click();
    const log = panel.getByTestId('job-log');
    await expect.poll(() => log.locator('.job-log-line').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    const jobId = await row.getAttribute('data-job-id');
    await row.getByTestId('job-cancel').click();
    const sameJob = panel.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
    await expect.poll(() => sameJob.getAttribute('data-state'), { timeout: 15_000 }).toBe('cancelled');
    expect(await sameJob.getByTestId('job-cancel').count()).toBe(0);
    // Cancelled part-way: the bar stops short of the end.
    expect(Number(await sameJob.getByTestId('job-progress').getAttribute('data-fraction'))).toBeLessThan(1);
  });

  it('switches to the dark theme, keeps it after a reload, and switches back to the system theme', async () => {
    await openView('settings');
    expect(await theme()).toBe('light');
    await page.getByTestId('theme-dark').check();
    await expect.poll(theme).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(22, 24, 28)');

    // Persisted through system.updateSettings: a fresh page load gets it from system.getSettings.
    await page.reload();
    await waitUntilConnected();
    await expect.poll(theme).toBe('dark');
    expect(await page.getByTestId('theme-dark').isChecked()).toBe(true);
    await page.getByTestId('jobs-toggle').click();
    await page.screenshot({ path: join(ARTIFACTS, 'shell-dark.png'), animations: 'disabled' });

    await page.getByTestId('theme-system').check();
    await expect.poll(theme).toBe('light');
  });

  it('leaves a screenshot of the shell for review, without page errors or CSP violations', async () => {
    await page.getByTestId('job-row').first().getByTestId('job-show-log').click();
    await page.getByTestId('job-log').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'shell.png'), animations: 'disabled' });
    expect(pageProblems).toEqual([]);
  });
});
