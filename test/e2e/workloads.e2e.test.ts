// Workloads from the page, in Chromium against the real web mode: rig machine crossdock-docker-2
// (real SSH, its own Docker engine) is added as a host through the real CLI beforehand; then,
// all in the page, a compose file with a mistake is opened and its error shown at its line, the
// fixed file deployed with its .env, the project and its service listed, its port found in the
// Port map, a long Port map (a container publishing a range) drawn only where it is in view and
// scrolled to its last row by keyboard, a second project refused for the taken port (PORT_CONFLICT naming the holder) and
// then deployed on a free port, and both removed. The machine itself is checked out of band.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY_JOB } from '../../shared/index.js';
import { machineNamed, onMachine, upDockerRig } from '../integration/docker-rig.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const MACHINE = 'crossdock-docker-2';
const HOST = 'e2e-w2';
const PASSPHRASE = 'e2e workloads passphrase';
/** Unique per run: the machine is shared with other test files. */
const RUN = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const PROJECT = `e2e-wl-${RUN}`;
const SECOND = `${PROJECT}-b`;
const PORT = 30000 + (Date.now() % 5000) * 2;
/** A container publishing a range of ports, for a Port map longer than its window. */
const MANY = `${PROJECT}-many`;
const RANGE = { first: 61000 + (Date.now() % 400) * 10, count: 40 };

let root: string;
let server: CrossdockServer;
let browser: Browser;
let page: Page;
let testImage: string;
const pageProblems: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });
const projectRow = (name: string) => page.locator(`[data-testid="workload-project"][data-project="${name}"]`);

/** The compose file of the test: busybox's httpd on the port the .env names. */
function composeFile(name: string, restart = 'unless-stopped'): string {
  return [
    `name: ${name}`,
    'services:',
    '  web:',
    `    image: ${testImage}`,
    '    command: ["httpd", "-f", "-p", "8080"]',
    '    ports:',
    '      - "${WEB_PORT}:8080"',
    `    restart: ${restart}`,
    '',
  ].join('\n');
}

/** Containers of a compose project on the machine, read with the docker CLI there. */
async function projectContainers(name: string): Promise<string> {
  return (
    await onMachine(
      MACHINE,
      `docker ps -a --filter label=com.docker.compose.project=${name} --format '{{.Names}} {{.State}}'`,
    )
  ).trim();
}

async function openDeployDialog(): Promise<ReturnType<Page['getByTestId']>> {
  await page.getByTestId('deploy-open').click();
  const dialog = page.getByTestId('deploy-dialog');
  await dialog.waitFor();
  return dialog;
}

async function pickEnv(dialog: ReturnType<Page['getByTestId']>): Promise<void> {
  await dialog
    .getByTestId('deploy-env-files')
    .setInputFiles({ name: '.env', mimeType: 'text/plain', buffer: Buffer.from(`WEB_PORT=${PORT}\n`) });
  await expect.poll(() => dialog.getByTestId('deploy-picked-files').textContent()).toContain('.env');
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const rig = await upDockerRig(2);
  testImage = rig.testImage;
  const machine = machineNamed(rig, MACHINE);
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-workloads-'));
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
  // Whatever a failed test left of this run's projects; nobody else's.
  for (const name of [PROJECT, SECOND]) {
    await onMachine(
      MACHINE,
      `docker rm -f $(docker ps -aq --filter label=com.docker.compose.project=${name}) >/dev/null 2>&1; docker network rm $(docker network ls -q --filter label=com.docker.compose.project=${name}) >/dev/null 2>&1; true`,
    ).catch(() => undefined);
  }
  await onMachine(MACHINE, `docker rm -f ${MANY} >/dev/null 2>&1; true`).catch(() => undefined);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('workloads from the page', () => {
  it('opens a compose file with a mistake, shows the error at its line, and jumps there', async () => {
    await page.getByTestId('nav-workloads').click();
    await page.getByTestId('view-workloads').waitFor();
    const dialog = await openDeployDialog();
    expect(await dialog.getByTestId('deploy-host').locator('option:checked').textContent()).toBe(HOST);

    await dialog.getByTestId('deploy-compose-file').setInputFiles({
      name: 'compose.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(composeFile(PROJECT, 'sometimes')),
    });
    await expect.poll(() => dialog.getByTestId('deploy-compose').inputValue()).toContain(`name: ${PROJECT}`);
    const error = dialog.locator('[data-testid="compose-issue"][data-severity="error"]');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.getAttribute('data-line')).toBe('8');
    expect(await error.getByRole('button').textContent()).toBe('line 8, column 14');
    expect(await error.textContent()).toContain(
      'services.web.restart: must be no, always, on-failure[:N] or unless-stopped',
    );
    // Without the .env, ${WEB_PORT} is empty: a warning, at its line too.
    expect(
      await dialog.locator('[data-testid="compose-issue"][data-severity="warning"]').getAttribute('data-line'),
    ).toBe('7');
    expect(await dialog.getByTestId('deploy-submit').isDisabled()).toBe(true);

    await error.getByRole('button', { name: 'line 8, column 14' }).click();
    const selected = await dialog.getByTestId('deploy-compose').evaluate((area: HTMLTextAreaElement) => ({
      focused: document.activeElement === area,
      text: area.value.slice(area.selectionStart, area.selectionEnd),
    }));
    expect(selected).toEqual({ focused: true, text: 'sometimes' });
    await shot('workloads-compose-error.png');
  });

  it('deploys the fixed file with its .env and follows the job to the end', async () => {
    const dialog = page.getByTestId('deploy-dialog');
    await dialog.getByTestId('deploy-compose').fill(composeFile(PROJECT));
    await pickEnv(dialog);
    await expect
      .poll(() => dialog.getByTestId('deploy-check-state').textContent(), { timeout: 15_000 })
      .toBe('The file is valid.');
    expect(await dialog.getByTestId('compose-issue').count()).toBe(0);
    expect(await dialog.getByTestId('compose-preview').textContent()).toContain(`${PORT}→8080/tcp`);
    // The project name comes from the file's name:.
    expect(await dialog.getByTestId('deploy-submit').textContent()).toBe(`Deploy ${PROJECT}`);

    await dialog.getByTestId('deploy-submit').click();
    const progress = dialog.getByTestId('deploy-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 90_000, interval: 500 }).toBe('succeeded');
    expect(
      await dialog
        .locator('[data-testid="deploy-stage"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-status'))),
    ).toEqual(DEPLOY_JOB.steps.map(() => 'done'));
    expect(await dialog.getByTestId('deploy-report').textContent()).toContain(`web: created ${PROJECT}-web-1`);
    await expect.poll(() => dialog.getByTestId('deploy-log').textContent()).toContain(`[web] created ${PROJECT}-web-1`);
    await shot('workloads-deployed.png');
    await dialog.getByTestId('deploy-done').click();
    await dialog.waitFor({ state: 'detached' });

    expect(await projectContainers(PROJECT)).toBe(`${PROJECT}-web-1 running`);
  });

  it('lists the project with its service, container and published port', async () => {
    const row = projectRow(PROJECT);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-host')).toBe(HOST);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('running');
    const container = row.locator(`[data-testid="workload-container"][data-service="web"]`);
    expect(await container.getAttribute('data-container')).toBe(`${PROJECT}-web-1`);
    expect(await container.getAttribute('data-state')).toBe('running');
    expect(await container.getByTestId('workload-ports').textContent()).toBe(`${PORT}→8080/tcp`);
    await shot('workloads-list.png');
  });

  it('finds the port in the Port map, by filter, with what publishes it', async () => {
    await page.getByTestId('nav-ports').click();
    await page.getByTestId('view-ports').waitFor();
    await page.getByTestId('ports-filter').waitFor({ timeout: 30_000 });
    await page.getByTestId('ports-filter').fill(PROJECT);
    const row = page.locator(`[data-testid="port-row"][data-project="${PROJECT}"]`);
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('th, td').allTextContents()).toEqual([
      HOST,
      `${PORT}/tcp`,
      `${PROJECT} / web`,
      `${PROJECT}-web-1`,
      '8080/tcp',
    ]);
    await page.getByTestId('ports-filter').fill(`${PROJECT} nothing-else`);
    await expect.poll(() => page.getByTestId('port-row').count()).toBe(0);
    await page.getByTestId('ports-filter').fill(String(PORT));
    await expect.poll(() => page.getByTestId('port-row').count()).toBe(1);
    await shot('port-map.png');
  });

  it('draws only the rows in view of a long Port map, and reaches the last one by keyboard', async () => {
    const last = RANGE.first + RANGE.count - 1;
    await onMachine(
      MACHINE,
      `docker run -d --name ${MANY} -p ${RANGE.first}-${last}:${RANGE.first}-${last} ${testImage} sleep 3600 >/dev/null`,
    );
    await page.setViewportSize({ width: 1280, height: 520 });
    try {
      // Open the view afresh, so it lists the new container's ports.
      await page.getByTestId('nav-workloads').click();
      await page.getByTestId('nav-ports').click();
      await page.getByTestId('ports-filter').waitFor({ timeout: 30_000 });
      await page.getByTestId('ports-filter').fill(MANY);
      const rowOf = (port: number) =>
        page.locator(`[data-testid="port-row"][data-container="${MANY}"][data-port="${port}"]`);
      await rowOf(RANGE.first).waitFor();
      expect(await page.getByTestId('ports-summary').textContent()).toMatch(
        new RegExp(`^${RANGE.count} of \\d+ published ports$`),
      );
      // Only what the window shows (and a few beyond) is drawn; the table is still as tall as every row.
      const drawn = await page.getByTestId('port-row').count();
      expect(drawn).toBeGreaterThan(5);
      expect(drawn).toBeLessThan(RANGE.count);
      expect(await rowOf(last).count()).toBe(0);
      const scroller = page.getByTestId('ports-scroller');
      expect(await scroller.evaluate((box) => box.scrollHeight)).toBeGreaterThan(RANGE.count * 30);

      await scroller.focus();
      await page.keyboard.press('End');
      await rowOf(last).waitFor({ timeout: 10_000 });
      // Keyboard scrolling is animated: wait for the bottom, then the last row sits wholly in view.
      await expect
        .poll(() => scroller.evaluate((box) => Math.ceil(box.scrollTop + box.clientHeight) >= box.scrollHeight))
        .toBe(true);
      const [lastBox, scrollerBox] = await Promise.all([rowOf(last).boundingBox(), scroller.boundingBox()]);
      expect(
        lastBox &&
          scrollerBox &&
          lastBox.y >= scrollerBox.y &&
          lastBox.y + lastBox.height <= scrollerBox.y + scrollerBox.height + 1,
      ).toBe(true);
      expect(await rowOf(last).locator('th, td').allTextContents()).toEqual([
        HOST,
        `${last}/tcp`,
        '—',
        MANY,
        `${last}/tcp`,
      ]);
      await expect.poll(() => rowOf(RANGE.first).count()).toBe(0);
      await shot('port-map-long.png');

      // The filter still narrows the whole list, not just the drawn rows, and starts at the top.
      await page.getByTestId('ports-filter').fill(`${MANY} ${RANGE.first + 20}/tcp`);
      await expect.poll(() => page.getByTestId('port-row').count()).toBe(1);
      expect(await rowOf(RANGE.first + 20).isVisible()).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await onMachine(MACHINE, `docker rm -f ${MANY} >/dev/null`);
    }
  });

  it('refuses a second project on the taken port, naming host, port and holder, then deploys it on a free port when asked', async () => {
    await page.getByTestId('nav-workloads').click();
    const dialog = await openDeployDialog();
    await dialog.getByTestId('deploy-compose').fill(composeFile(SECOND));
    await pickEnv(dialog);
    await expect
      .poll(() => dialog.getByTestId('deploy-check-state').textContent(), { timeout: 15_000 })
      .toBe('The file is valid.');
    await dialog.getByTestId('deploy-submit').click();
    const progress = dialog.getByTestId('deploy-progress');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 60_000, interval: 500 }).toBe('failed');
    const failure = dialog.getByTestId('deploy-job-error');
    expect(await failure.locator('code').textContent()).toBe('PORT_CONFLICT');
    expect(await failure.textContent()).toContain(
      `host ${HOST}: port ${PORT}/tcp is taken by container ${PROJECT}-web-1 (project ${PROJECT}, service web)`,
    );
    // The app names its own option, once, and never the CLI's flag.
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('choose another port or tick “Assign free ports when taken” and deploy again');
    expect(text.split('Assign free ports when taken')).toHaveLength(2);
    expect(text).not.toContain('--auto-ports');
    expect(await projectContainers(SECOND)).toBe('');
    await shot('workloads-port-conflict.png');

    await dialog.getByTestId('deploy-edit').click();
    await dialog.getByTestId('deploy-auto-ports').check();
    await expect.poll(() => dialog.getByTestId('deploy-submit').isEnabled(), { timeout: 15_000 }).toBe(true);
    await dialog.getByTestId('deploy-submit').click();
    await expect
      .poll(() => dialog.getByTestId('deploy-progress').getAttribute('data-state'), { timeout: 90_000, interval: 500 })
      .toBe('succeeded');
    const moved = await dialog.getByTestId('deploy-reassigned').textContent();
    const assigned = Number(new RegExp(`web ${PORT}→(\\d+)/tcp`).exec(moved ?? '')?.[1]);
    expect(assigned).toBeGreaterThan(PORT);
    expect(moved).toContain(`held by container ${PROJECT}-web-1`);
    await dialog.getByTestId('deploy-done').click();
    const container = projectRow(SECOND).locator('[data-testid="workload-container"]');
    await expect
      .poll(() => container.getByTestId('workload-ports').textContent(), { timeout: 30_000 })
      .toBe(`${assigned}→8080/tcp`);
  });

  it('opens the migration wizard from a project, filled in with it', async () => {
    await projectRow(PROJECT).getByTestId('workload-migrate').click();
    const wizard = page.getByTestId('migration-wizard');
    await wizard.waitFor();
    // Straight to the target: the source is the project the button was on.
    expect(await wizard.locator('[aria-current="step"]').textContent()).toContain('Target');
    expect(await wizard.textContent()).toContain(`Moving the compose project ${PROJECT} from ${HOST}`);
    // This server knows one host only: there is nowhere to go, and Plan says so by being disabled.
    expect(await wizard.getByTestId('wizard-target-host').textContent()).toBe('No other host: add one under Hosts');
    expect(await wizard.getByTestId('wizard-plan').isDisabled()).toBe(true);
    await wizard.getByTestId('wizard-back').click();
    expect(await wizard.getByTestId('wizard-kind-project').isChecked()).toBe(true);
    await expect.poll(() => wizard.getByTestId('wizard-source-name').inputValue()).toBe(PROJECT);
    await wizard.press('Escape');
    await wizard.waitFor({ state: 'detached' });
  });

  it('removes both projects after a confirmation naming project and host', async () => {
    for (const name of [SECOND, PROJECT]) {
      await projectRow(name).getByTestId('workload-remove').click();
      const confirm = page.getByTestId('workload-remove-dialog');
      await confirm.waitFor();
      expect(await confirm.getByRole('heading').textContent()).toBe(`Remove ${name} from ${HOST}?`);
      // The safe answer has focus: Enter alone must not remove anything.
      expect(
        await confirm.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement),
      ).toBe(true);
      await confirm.getByTestId('workload-remove-volumes').check();
      expect(await confirm.getByTestId('workload-remove-dialog-confirm').textContent()).toBe(
        `Remove ${name} and its volumes`,
      );
      await confirm.getByTestId('workload-remove-dialog-confirm').click();
      await confirm.waitFor({ state: 'detached', timeout: 30_000 });
      await projectRow(name).waitFor({ state: 'detached', timeout: 30_000 });
      expect(await projectContainers(name)).toBe('');
    }
    const notice = page.getByTestId('notice').filter({ hasText: `of ${PROJECT} on ${HOST}.` });
    expect(await notice.textContent()).toContain(`Removed 1 container, 1 network of ${PROJECT} on ${HOST}.`);
  });

  it('did all of that without uncaught page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
