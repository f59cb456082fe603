// Benchmark: the real renderer (the built web UI) in Debian's Chromium, through the real web mode
// server and WebSocket transport, against a synthetic core (./synthetic-core.ts) that serves
// 10,000 containers on 20 hosts and emits 100 `docker.changed` events a second. It measures, in
// one run: the frame time while idle (the baseline) and during the events, a filter's time from
// input to the filtered rows painted (idle and during the events), and the page's JS heap.
// Needs neither the rig nor Docker.
//
//   npm run bench:ui [-- --duration 60 --idle 10 --containers 10000 --hosts 20 --rate 100 --no-build --renderer DIR --profile FILE]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { startWebServer } from '../../electron/headless/web-server.js';
import { buildList } from '../../renderer/src/containers/list-model.js';
import { containerSpec } from '../../renderer/src/containers/resource-specs.js';
import { PAGE_PROBE } from './page-probe.js';
import { frameFigures, report, type BusyShare } from './report.js';
import { createSyntheticCore, type SyntheticCore } from './synthetic-core.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
// Name filters: each matches one name and its tens and hundreds (`web-17`, `web-170`…, `web-1700`…),
// whatever state the events put the containers in.
const QUERIES = ['web-17', 'db-42', 'cache-9'];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    idle: { type: 'string', default: '10' },
    containers: { type: 'string', default: '10000' },
    hosts: { type: 'string', default: '20' },
    rate: { type: 'string', default: '100' },
    'no-build': { type: 'boolean', default: false },
    /** Serve this built renderer instead of building out/renderer (e.g. to compare two builds). */
    renderer: { type: 'string' },
    /** Writes a CPU profile of the page during the events (open it in Chromium's DevTools). */
    profile: { type: 'string' },
  },
});
const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${text}"`);
  return value;
};
const burstSeconds = positive('duration', args.duration);
const idleSeconds = positive('idle', args.idle);
const containerCount = positive('containers', args.containers);
const hostCount = positive('hosts', args.hosts);
const rate = positive('rate', args.rate);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const numbers = new Intl.NumberFormat('en-US');

interface Probe {
  startFrames(): void;
  stopFrames(): number[];
  armFilter(countText: string, query: string, timeoutMs: number): void;
  filterPainted(): Promise<number>;
}
declare global {
  interface Window {
    __bench: Probe;
  }
}

/** Types `query` into the filter box (one input event, as a paste is) and returns ms from it to the filtered rows painted. */
async function measureFilter(page: Page, core: SyntheticCore, query: string): Promise<number> {
  const built = buildList(core.containers(), containerSpec, {
    query,
    sort: { column: 'name', direction: 'asc' },
    groupByHost: false,
    collapsed: new Set(),
  });
  if (built.matched === 0) throw new Error(`the filter "${query}" matches no container of the synthetic fleet`);
  const filter = page.getByTestId('list-filter');
  await filter.focus();
  await page.evaluate(([text, q]) => window.__bench.armFilter(text, q, 10_000), [
    `${numbers.format(built.matched)} of ${numbers.format(built.total)}`,
    query,
  ] as const);
  await page.keyboard.insertText(query);
  const elapsed = await page.evaluate(() => window.__bench.filterPainted());
  // Back to the whole list before the next measurement.
  await page.evaluate(
    (text) => window.__bench.armFilter(text, '', 10_000),
    `${numbers.format(built.total)} containers`,
  );
  await filter.fill('');
  await page.evaluate(() => window.__bench.filterPainted());
  return elapsed;
}

interface PageMetrics {
  usedMb: number;
  nodes: number;
  /** Seconds the page's main thread spent in tasks, in script, in layout and in style, since it started. */
  busy: { task: number; script: number; layout: number; style: number };
}

async function metrics(cdp: CDPSession): Promise<PageMetrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => list.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    usedMb: value('JSHeapUsedSize') / 1e6,
    nodes: value('Nodes'),
    busy: {
      task: value('TaskDuration'),
      script: value('ScriptDuration'),
      layout: value('LayoutDuration'),
      style: value('RecalcStyleDuration'),
    },
  };
}

/** How much of `seconds` the main thread was busy between two samples, in percent. */
const busyShare = (before: PageMetrics, after: PageMetrics, seconds: number): BusyShare => {
  const share = (key: keyof PageMetrics['busy']): number => ((after.busy[key] - before.busy[key]) / seconds) * 100;
  return { task: share('task'), script: share('script'), layout: share('layout'), style: share('style') };
};

if (!args['no-build'] && !args.renderer)
  execFileSync('npx', ['--no-install', 'electron-vite', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

const core = createSyntheticCore({ containers: containerCount, hosts: hostCount });
const server = await startWebServer({
  core,
  port: 0,
  rendererDir: args.renderer ?? join(REPO_ROOT, 'out', 'renderer'),
});
const profile = mkdtempSync(join(tmpdir(), 'crossdock-bench-ui-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-quic',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1280, height: 900 },
  locale: 'en-US',
  colorScheme: 'light',
});
const problems: string[] = [];
const page = context.pages()[0] ?? (await context.newPage());
try {
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('crash', () => problems.push('the page crashed'));
  await page.addInitScript({ content: PAGE_PROBE });
  await page.goto(`${server.url}#/containers`);
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
  await page
    .getByTestId('list-count')
    .filter({ hasText: `${numbers.format(containerCount)} containers` })
    .waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await sleep(2000); // let the first render's garbage and layout settle

  console.log(`idle: ${idleSeconds} s of frames, then ${QUERIES.length} filters`);
  const idleBefore = await metrics(cdp);
  const idleStarted = performance.now();
  await page.evaluate(() => window.__bench.startFrames());
  await sleep(idleSeconds * 1000);
  const idle = frameFigures(await page.evaluate(() => window.__bench.stopFrames()));
  const idleBusy = busyShare(idleBefore, await metrics(cdp), (performance.now() - idleStarted) / 1000);
  const filterIdleMs: number[] = [];
  for (const query of QUERIES) filterIdleMs.push(await measureFilter(page, core, query));

  console.log(`events: ${rate} a second for ${burstSeconds} s, then ${QUERIES.length} filters while they go on`);
  const listingsBefore = core.calls['docker.containers'] ?? 0;
  let heapPeakMb = 0;
  let domNodesPeak = 0;
  if (args.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const burstBefore = await metrics(cdp);
  const burstStarted = performance.now();
  core.startEvents(rate);
  await page.evaluate(() => window.__bench.startFrames());
  const burstEnds = Date.now() + burstSeconds * 1000;
  let sample = burstBefore;
  while (Date.now() < burstEnds) {
    await sleep(Math.min(1000, burstEnds - Date.now()));
    sample = await metrics(cdp);
    heapPeakMb = Math.max(heapPeakMb, sample.usedMb);
    domNodesPeak = Math.max(domNodesPeak, sample.nodes);
  }
  const burst = frameFigures(await page.evaluate(() => window.__bench.stopFrames()));
  const burstBusy = busyShare(burstBefore, sample, (performance.now() - burstStarted) / 1000);
  if (args.profile) {
    const { profile: cpuProfile } = await cdp.send('Profiler.stop');
    writeFileSync(args.profile, JSON.stringify(cpuProfile));
    console.log(`CPU profile of the page during the events: ${args.profile}`);
  }
  const filterBurstMs: number[] = [];
  for (const query of QUERIES) filterBurstMs.push(await measureFilter(page, core, query));
  const eventsEmitted = core.stopEvents();
  const listings = (core.calls['docker.containers'] ?? 0) - listingsBefore;
  await cdp.send('HeapProfiler.collectGarbage');
  const afterGc = await metrics(cdp);

  if (problems.length > 0) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
  report({
    containers: containerCount,
    hosts: hostCount,
    eventsPerSecond: rate,
    burstSeconds,
    eventsEmitted,
    listings,
    idle,
    burst,
    idleBusy,
    burstBusy,
    filterIdleMs,
    filterBurstMs,
    heapPeakMb,
    heapAfterGcMb: afterGc.usedMb,
    domNodesPeak,
  });
} catch (error) {
  // What the page said is usually why a step timed out.
  if (problems.length > 0) console.error(`the page reported:\n${problems.join('\n')}`);
  const shown = await page
    .evaluate(() => document.body.innerText.slice(0, 2000))
    .catch((reason: unknown) => `(the page could not be read: ${String(reason)})`);
  console.error(`the page showed:\n${shown}`);
  throw error;
} finally {
  core.stopEvents();
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
