// The Containers view as a new user reads it (issue 12, point 3), in Chromium against the real web
// mode, on this computer's Docker engine added as a host: a count reads "1 container", an
// up container's age moves while you watch, an image in use says by how many containers, a
// container started with --memory 64m shows a 64 MiB limit and distinct axis labels, and no
// column header has its first letter clipped. Everything this file makes is named per run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const RUN = randomBytes(3).toString('hex');
const HOST = `e2e-local-${RUN}`;
const IMAGE = `crossdock-e2e-used-${RUN}:latest`;
const CONTAINER = `e2e-cv-${RUN}`;
const BASE_IMAGE = 'crossdock-test-tiny:latest';

let server: CrossdockServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim();

beforeAll(async () => {
  // An image of this run's own (a commit gives it an id no other container uses), and one
  // container of it, limited to 64 MiB.
  const maker = `${CONTAINER}-maker`;
  docker('create', '--name', maker, BASE_IMAGE, 'true');
  docker('commit', '--change', `LABEL crossdock-e2e=${RUN}`, maker, IMAGE);
  docker('rm', maker);
  docker('run', '-d', '--name', CONTAINER, '--memory', '64m', IMAGE, 'sleep', '3600');

  const home = mkdtempSync(join(tmpdir(), 'crossdock-e2e-cv-'));
  execFileSync(process.execPath, ['bin/crossdock.mjs', 'host', 'add', HOST, '--local'], {
    cwd: REPO_ROOT,
    env: { ...process.env, CROSSDOCK_HOME: home },
  });
  server = await startCrossdockServer({ home });
  ({ browser, page } = await openApp(server.url, problems));
  await page.getByTestId('nav-containers').click();
  await page.getByTestId('view-containers').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  for (const args of [
    ['rm', '-f', CONTAINER],
    ['rmi', '-f', IMAGE],
  ])
    try {
      docker(...args);
    } catch {
      // already gone
    }
});

const ourRow = () => page.locator('[data-testid="container-row"]').filter({ hasText: CONTAINER });

describe('the Containers view', () => {
  it('lets an up container age while you watch', async () => {
    await ourRow().waitFor({ timeout: 30_000 });
    const age = ourRow().getByTestId('up-since');
    const first = await age.textContent();
    expect(first).toMatch(/^Up /);
    await expect.poll(() => age.textContent(), { timeout: 5_000, interval: 250 }).not.toBe(first);
  });

  it('says "1 container" for one match', async () => {
    await page.getByTestId('list-filter').fill(CONTAINER);
    await expect
      .poll(() => page.getByTestId('list-count').textContent())
      .toMatch(/^1 of [\d,]+ containers$|^1 container$/);
    await page.getByTestId('group-by-host').check();
    await expect(
      page
        .locator('.group-count')
        .filter({ hasText: /container/ })
        .first()
        .textContent(),
    ).resolves.toBe('1 container');
    await page.getByTestId('group-by-host').uncheck();
  });

  it("shows the container's own 64 MiB limit and distinct memory axis labels", async () => {
    await ourRow().click();
    await page.getByTestId('details-tab-stats').click();
    await expect
      .poll(() => page.getByTestId('stats-memory-limit').textContent(), { timeout: 20_000 })
      .toMatch(/limit 64\.0 MiB \(the container's limit\)/);
    await expect.poll(() => page.getByTestId('stats-memory').textContent()).toMatch(/ of 64\.0 MiB$/);
    // uPlot draws the labels on a canvas; the chart element repeats them in data-y-ticks.
    const chart = page.getByTestId('stats-chart-memory');
    await expect.poll(() => chart.getAttribute('data-y-ticks'), { timeout: 10_000 }).toMatch(/\|/);
    const labels = ((await chart.getAttribute('data-y-ticks')) ?? '').split(' | ');
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(labels).size).toBe(labels.length);
    await page.screenshot({ path: join(ARTIFACTS, 'containers-stats-limit.png'), animations: 'disabled' });
  });

  it('counts the containers that use an image ("Used by")', async () => {
    await page.getByTestId('details-close').click();
    await page.getByTestId('tab-images').click();
    await page.getByTestId('list-filter').fill(IMAGE.replace(/:latest$/, ''));
    const row = page.locator('[data-testid="image-row"]').filter({ hasText: IMAGE });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.textContent()).toContain('1 container');
    await page.screenshot({ path: join(ARTIFACTS, 'containers-images-used-by.png'), animations: 'disabled' });
  });

  it('clips the first letter of no column header, in any tab', async () => {
    for (const tab of ['containers', 'images', 'volumes', 'networks']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.getByTestId('list-filter').fill('');
      await page.locator('.list-header').first().waitFor();
      const clipped = await page.locator('.list-header [role="columnheader"]').evaluateAll((cells) =>
        cells.flatMap((cell) => {
          const label = cell.querySelector('.sort-button');
          if (!label) return [];
          const inner = label.getBoundingClientRect();
          const outer = cell.getBoundingClientRect();
          return inner.left < outer.left - 0.5 ? [`${label.textContent}: ${outer.left - inner.left}px`] : [];
        }),
      );
      expect(clipped, `clipped headers in ${tab}`).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
