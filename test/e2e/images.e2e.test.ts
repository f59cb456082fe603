// The Images tab's actions (issue 13, point 8) in Chromium against the real web mode, on this
// computer's Docker engine added as a host: Remove asks first, is refused while a stopped
// container uses the image (naming it, with the app's words for the remedy), and goes through
// with “Remove even if stopped containers use it”; Pull… opens its form. Everything is named per run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const RUN = randomBytes(3).toString('hex');
const HOST = `e2e-img-${RUN}`;
const IMAGE = `crossdock-e2e-img-${RUN}:latest`;
const CONTAINER = `e2e-img-${RUN}`;

let server: CrossdockServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim();

beforeAll(async () => {
  // An image of this run's own (a commit gives it an id of its own), used by one stopped container.
  const maker = `${CONTAINER}-maker`;
  docker('create', '--name', maker, 'crossdock-test-tiny:latest', 'true');
  docker('commit', '--change', `LABEL crossdock-e2e=${RUN}`, maker, IMAGE);
  docker('rm', maker);
  docker('create', '--name', CONTAINER, IMAGE, 'true');

  const home = mkdtempSync(join(tmpdir(), 'crossdock-e2e-img-'));
  execFileSync(process.execPath, ['bin/crossdock.mjs', 'host', 'add', HOST, '--local'], {
    cwd: REPO_ROOT,
    env: { ...process.env, CROSSDOCK_HOME: home },
  });
  server = await startCrossdockServer({ home });
  ({ browser, page } = await openApp(server.url, problems));
  await page.getByTestId('nav-containers').click();
  await page.getByTestId('view-containers').waitFor();
  await page.getByTestId('tab-images').click();
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

const ourRow = () => page.locator('[data-testid="image-row"]').filter({ hasText: IMAGE });

describe('the Images tab', () => {
  it('opens the Pull form with a host and an image to name', async () => {
    await page.getByTestId('image-pull').click();
    const dialog = page.getByTestId('image-pull-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('image-pull-host').inputValue()).not.toBe('');
    await page.getByTestId('image-pull-submit').click();
    await expect.poll(() => dialog.textContent()).toContain('Name the image');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('refuses to remove an image a stopped container uses, then removes it when told to', async () => {
    await page.getByTestId('list-filter').fill(IMAGE.replace(/:latest$/, ''));
    await ourRow().waitFor({ timeout: 30_000 });
    await ourRow().hover();
    await ourRow().getByTestId('image-remove').click();
    await page.getByTestId('image-remove-dialog').waitFor();
    await page.getByTestId('image-remove-dialog-confirm').click();
    const notice = page.getByTestId('notice').filter({ hasText: IMAGE });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain(
      `is used by stopped container ${CONTAINER}; remove it first or tick “Remove even if stopped containers use it”`,
    );
    expect(docker('image', 'inspect', '-f', '{{.Id}}', IMAGE)).toMatch(/^sha256:/);

    await ourRow().hover();
    await ourRow().getByTestId('image-remove').click();
    await page.getByTestId('image-remove-force').check();
    await page.getByTestId('image-remove-dialog-confirm').click();
    await ourRow().waitFor({ state: 'detached', timeout: 30_000 });
    expect(() => docker('image', 'inspect', IMAGE)).toThrow();
    expect(problems).toEqual([]);
  });
});
