// The migration wizard, in Chromium against the real web mode: rig machines crossdock-docker-9
// (source) and crossdock-docker-3 (target), each a real SSH server with its own Docker engine,
// are added as hosts through the real CLI beforehand, and a container with a small volume is made
// on the source out of band. Then, all in the page: the wizard's source and target, the plan (the
// image skipped because the target has it, the volume, the route), the migration followed step by
// step with its bytes, and the outcome with the checksums matching; the container then runs on
// the target with its data, as the docker CLI there says. A second container whose port is now
// taken on the target is refused at the plan, with Start disabled. Last, a migration cut off by
// a crash of the core is listed as interrupted after a restart and rolled back from the page, and
// another one cut off the same way is resumed from the page and completes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_JOB } from '../../shared/index.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from '../integration/docker-rig.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const PASSPHRASE = 'e2e migration passphrase';
/** Machines 4–8 belong to other tests' migrations; 9 and 3 are this file's. */
const SOURCE = { machine: 'crossdock-docker-9', host: 'e2e-m9' };
const TARGET = { machine: 'crossdock-docker-3', host: 'e2e-m3' };
const RUN = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const APP = `e2e-mig-${RUN}`;
const VOLUME = `e2e-mig-data-${RUN}`;
const SECOND = `${APP}-b`;
/** The migration cut off by a crash: enough data that the bulk pass is still running when it comes. */
const BIG = `${APP}-big`;
const BIG_VOLUME = `${VOLUME}-big`;
/** The migration cut off by a crash and then resumed: as big, for the same reason. */
const RESUMED = `${APP}-res`;
const RESUMED_VOLUME = `${VOLUME}-res`;
const PORT = 40000 + (Date.now() % 4000) * 2;
const GREETING = `moved by the wizard ${RUN}`;

let root: string;
let dataDir: string;
let serverEnv: Record<string, string>;
let server: CrossdockServer;
let browser: Browser;
let page: Page;
let testImage: string;
const pageProblems: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });
const wizard = () => page.getByTestId('migration-wizard');

async function addHost(
  rig: DockerRigInfo,
  end: { machine: string; host: string },
  env: Record<string, string>,
  home: string,
): Promise<void> {
  const machine = machineNamed(rig, end.machine);
  const added = spawnSync(
    process.execPath,
    [
      'bin/crossdock.mjs',
      'host',
      'add',
      end.host,
      '--ssh',
      `root@${machine.address}`,
      '--key',
      rig.keyPath,
      '--trust',
      await machineHostKeyFingerprint(end.machine),
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...env, CROSSDOCK_HOME: home }, encoding: 'utf8' },
  );
  if (added.status !== 0) throw new Error(`crossdock host add ${end.host} failed: ${added.stderr}`);
}

/** A small service: busybox httpd on a published port, a volume with a greeting, a note and `blob` of data. */
async function makeApp(o: { name: string; volume: string; port: number; blob: string }): Promise<void> {
  const main = 'trap "exit 0" TERM; httpd -p 8080 -h /data; while true; do sleep 1 & wait; done';
  await onMachine(
    SOURCE.machine,
    [
      `docker run -d --name ${o.name} -p ${o.port}:8080 -v ${o.volume}:/data ${testImage} sh -c '${main}' >/dev/null`,
      `docker exec ${o.name} sh -c 'echo "${GREETING}" > /data/index.html && ${o.blob} > /data/blob && mkdir -p /data/sub && echo note > /data/sub/note'`,
    ].join(' && '),
  );
}

/** Starts the migration of `container` from the wizard and kills the core while its bulk copy runs; then starts it again and opens the Migrations page. */
async function crashDuringBulkCopy(container: string): Promise<Locator> {
  await chooseSource(container);
  await wizard().getByTestId('migration-plan').waitFor({ timeout: 60_000 });
  await wizard().getByTestId('wizard-start').click();
  const bulk = wizard().locator('[data-testid="migration-step"][data-step="volumes-bulk"]');
  await expect.poll(() => bulk.getAttribute('data-status'), { timeout: 120_000, interval: 100 }).toBe('active');

  // The core dies mid-copy, as in a crash; then it starts again on the same data directory.
  await server.crash();
  server = await startCrossdockServer({ home: dataDir, env: serverEnv });
  await page.goto(server.url);
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 15_000 });
  await page.getByTestId('nav-migrations').click();
  const row = page.locator(`[data-testid="migration-row"][data-source="${SOURCE.host}/${container}"]`);
  await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('interrupted');
  return row;
}

/** Picks the option of a host select by the host's name (its label may add the connection state). */
async function chooseHost(select: Locator, name: string): Promise<void> {
  const option = select.locator('option').filter({ hasText: new RegExp(`^${name}( \\(|$)`) });
  await select.selectOption(await option.getAttribute('value'));
}

async function chooseSource(container: string): Promise<void> {
  await page.getByTestId('nav-migrations').click();
  await page.getByTestId('view-migrations').waitFor();
  await page.getByTestId('migration-new').click();
  await wizard().waitFor();
  await chooseHost(wizard().getByTestId('wizard-source-host'), SOURCE.host);
  await wizard().getByTestId('wizard-kind-container').check();
  const names = wizard().getByTestId('wizard-source-name');
  await names.locator(`option[value="${container}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await names.selectOption(container);
  await wizard().getByTestId('wizard-next').click();
  await chooseHost(wizard().getByTestId('wizard-target-host'), TARGET.host);
  await wizard().getByTestId('wizard-plan').click();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const rig = await upDockerRig(9);
  testImage = rig.testImage;
  await makeApp({ name: APP, volume: VOLUME, port: PORT, blob: 'head -c 2097152 /dev/urandom' });
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-migration-'));
  const userHome = join(root, 'home');
  mkdirSync(userHome);
  serverEnv = { CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: userHome };
  dataDir = join(root, 'data');
  await addHost(rig, SOURCE, serverEnv, dataDir);
  await addHost(rig, TARGET, serverEnv, dataDir);
  server = await startCrossdockServer({ home: dataDir, env: serverEnv });
  ({ browser, page } = await openApp(server.url, pageProblems, { width: 1280, height: 1000 }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  // This run's containers and volumes on both machines, whatever state a failure left them in.
  const script = [
    `docker rm -f ${APP} ${APP}-migrated-to-${TARGET.host} ${SECOND} ${BIG} ${RESUMED} ${RESUMED}-migrated-to-${TARGET.host} >/dev/null 2>&1`,
    `docker volume rm ${VOLUME} ${BIG_VOLUME} ${RESUMED_VOLUME} >/dev/null 2>&1; true`,
  ].join('; ');
  for (const machine of [SOURCE.machine, TARGET.machine]) await onMachine(machine, script).catch(() => undefined);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the migration wizard', () => {
  it('plans a container with its volume: the image already on the target is skipped, the route is direct', async () => {
    await chooseSource(APP);
    const plan = wizard().getByTestId('migration-plan');
    await plan.waitFor({ timeout: 60_000 });
    expect(await plan.getAttribute('data-can-start')).toBe('true');
    expect(await plan.textContent()).toContain(`Moves the container ${APP} on ${SOURCE.host} to ${TARGET.host}`);
    expect(await wizard().getByTestId('plan-image').getAttribute('data-on-target')).toBe('true');
    expect(await wizard().getByTestId('plan-image').textContent()).toContain(`skipped: already on ${TARGET.host}`);
    expect(await wizard().getByTestId('plan-images').textContent()).toContain(
      `nothing to send, 1 already on ${TARGET.host}`,
    );
    expect(await wizard().getByTestId('plan-volume').textContent()).toContain(VOLUME);
    expect(await wizard().getByTestId('plan-volumes').textContent()).toMatch(/1 volume, 2\.\d\d MiB in \d+ files/);
    expect(await wizard().getByTestId('plan-route').textContent()).toContain(`direct, ${SOURCE.host} → ${TARGET.host}`);
    expect(await wizard().getByTestId('plan-ports').textContent()).toContain(`free on ${TARGET.host}`);
    expect(await wizard().getByTestId('plan-architecture').getAttribute('data-tone')).toBe('ok');
    expect(await wizard().getByTestId('plan-estimate').textContent()).toMatch(/transfer .+, downtime .+/);
    expect(await wizard().getByTestId('wizard-start').isEnabled()).toBe(true);
    // The plan changed nothing: the source still runs, the target has no such container.
    expect((await onMachine(SOURCE.machine, `docker inspect -f '{{.State.Status}}' ${APP}`)).trim()).toBe('running');
    expect((await onMachine(TARGET.machine, `docker ps -aq --filter name=^/${APP}$`)).trim()).toBe('');
    await shot('migration-plan.png');
  });

  it('migrates it, step by step with bytes and rate, to an outcome whose checksums match', async () => {
    await wizard().getByTestId('wizard-start').click();
    const progress = wizard().getByTestId('migration-progress');
    await progress.waitFor({ timeout: 30_000 });
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 240_000, interval: 500 }).toBe('succeeded');
    const statuses = await wizard()
      .getByTestId('migration-step')
      .evaluateAll((items) =>
        items.map((item) => `${item.getAttribute('data-step')}:${item.getAttribute('data-status')}`),
      );
    expect(statuses).toEqual(MIGRATION_JOB.steps.map((step) => `${step.id}:done`));
    // The bulk pass moved the volume's bytes; while it ran, migrations.progress events reported them.
    const bulk = wizard()
      .locator('[data-testid="migration-step"][data-step="volumes-bulk"]')
      .getByTestId('migration-step-bytes');
    expect(Number(await bulk.getAttribute('data-bytes'))).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(await bulk.getAttribute('data-live-bytes')).toMatch(/^\d+$/);
    expect(await bulk.textContent()).toMatch(/^2\.\d\d MiB · [\d.]+ (B|KiB|MiB|GiB)\/s$/);
    expect(await wizard().getByTestId('wizard-steps').locator('[aria-current="step"]').textContent()).toContain(
      'Outcome',
    );

    const outcome = wizard().getByTestId('migration-outcome');
    expect(await outcome.getAttribute('data-manifest-match')).toBe('true');
    expect(await outcome.textContent()).toContain(`${APP} runs on ${TARGET.host}`);
    expect(await outcome.getByTestId('outcome-manifest').textContent()).toMatch(
      /^match: \d+ paths compared on both hosts$/,
    );
    expect(await outcome.getByTestId('outcome-route').textContent()).toContain('direct');
    expect(await outcome.getByTestId('outcome-downtime').textContent()).toMatch(/^\d+(\.\d)? m?s /);
    expect(await outcome.getByTestId('outcome-bytes').textContent()).toMatch(/volumes 2\.\d\d MiB/);
    expect(await outcome.getByTestId('outcome-source').textContent()).toContain(`${APP}-migrated-to-${TARGET.host}`);
    await expect.poll(() => wizard().getByTestId('migration-log').textContent()).toContain('[done]');
    await shot('migration-outcome.png');
  });

  it('left the container running on the target with its data, and the source stopped and marked', async () => {
    expect((await onMachine(TARGET.machine, `docker inspect -f '{{.State.Status}}' ${APP}`)).trim()).toBe('running');
    expect((await onMachine(TARGET.machine, `docker exec ${APP} cat /data/index.html`)).trim()).toBe(GREETING);
    const sums = async (machine: string): Promise<string> =>
      onMachine(machine, `cd /var/lib/docker/volumes/${VOLUME}/_data && sha256sum blob sub/note`);
    expect(await sums(TARGET.machine)).toBe(await sums(SOURCE.machine));
    expect(
      (
        await onMachine(
          SOURCE.machine,
          `docker inspect -f '{{.State.Status}} {{.HostConfig.RestartPolicy.Name}}' ${APP}-migrated-to-${TARGET.host}`,
        )
      ).trim(),
    ).toMatch(/^exited (no)?$/);
  });

  it('lists the migration as completed', async () => {
    await wizard().getByTestId('migration-done').click();
    await wizard().waitFor({ state: 'detached' });
    const row = page.locator(`[data-testid="migration-row"][data-source="${SOURCE.host}/${APP}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('completed');
    expect(await row.getAttribute('data-target')).toBe(TARGET.host);
    expect(await row.getByTestId('migration-resume').count()).toBe(0);
    expect(await row.getByTestId('migration-rollback').count()).toBe(0);
    await shot('migrations-list.png');
  });

  it('refuses at the plan a container whose port is taken on the target, with Start disabled', async () => {
    // The port is free again on the source (its old container is stopped), and held on the target.
    await onMachine(
      SOURCE.machine,
      `docker run -d --name ${SECOND} -p ${PORT}:8080 ${testImage} sleep 3600 >/dev/null`,
    );
    await chooseSource(SECOND);
    const plan = wizard().getByTestId('migration-plan');
    await plan.waitFor({ timeout: 60_000 });
    expect(await plan.getAttribute('data-can-start')).toBe('false');
    const refusal = wizard().getByTestId('migration-refusal').first();
    expect(await refusal.getAttribute('data-code')).toBe('PORT_CONFLICT');
    expect(await refusal.textContent()).toContain(String(PORT));
    expect(await refusal.textContent()).toContain(APP);
    expect(await wizard().getByTestId('plan-ports').getAttribute('data-tone')).toBe('danger');
    expect(await wizard().getByTestId('wizard-start').isDisabled()).toBe(true);
    await shot('migration-refused.png');
    await wizard().getByRole('button', { name: 'Cancel' }).click();
    await wizard().waitFor({ state: 'detached' });
  });

  it('lists a migration cut off by a crash as interrupted after a restart, and rolls it back from the page', async () => {
    await makeApp({
      name: BIG,
      volume: BIG_VOLUME,
      port: PORT + 1,
      blob: `yes "crossdock e2e crash data ${RUN}" | head -c 268435456`,
    });
    const row = await crashDuringBulkCopy(BIG);
    const migrationId = await row.getAttribute('data-migration-id');
    expect(await row.getByTestId('migration-resume').isVisible()).toBe(true);
    // Interrupted migrations come first: they wait for a decision.
    expect(await page.getByTestId('migration-row').first().getAttribute('data-migration-id')).toBe(migrationId);
    await shot('migration-interrupted.png');

    await row.getByTestId('migration-rollback').click();
    const confirm = page.getByTestId('migration-rollback-dialog');
    expect(await confirm.textContent()).toContain(`everything this migration made on ${TARGET.host}`);
    await confirm.getByTestId('migration-rollback-dialog-confirm').click();
    const details = page.getByTestId('migration-details-dialog');
    await details.getByTestId('migration-rolled-back').waitFor({ timeout: 120_000 });
    expect(
      await details.locator('[data-testid="migration-step"][data-step="rollback"]').getAttribute('data-status'),
    ).toBe('done');
    await shot('migration-rolled-back.png');
    await details.getByTestId('migration-done').click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed-rolled-back');
    expect(await row.getByTestId('migration-resume').count()).toBe(0);

    // The source runs; the target has nothing of it left, not even the route's key.
    expect((await onMachine(SOURCE.machine, `docker inspect -f '{{.State.Status}}' ${BIG}`)).trim()).toBe('running');
    expect(
      (
        await onMachine(
          TARGET.machine,
          `docker ps -aq --filter name=^/${BIG}$; docker volume ls -q --filter name=^${BIG_VOLUME}$`,
        )
      ).trim(),
    ).toBe('');
    expect((await onMachine(TARGET.machine, `grep -c ${migrationId} /root/.ssh/authorized_keys || true`)).trim()).toBe(
      '0',
    );
  });

  it('resumes a migration cut off by a crash from the page, to a completed migration with the data on the target', async () => {
    await makeApp({
      name: RESUMED,
      volume: RESUMED_VOLUME,
      port: PORT + 2,
      blob: `yes "crossdock e2e resume data ${RUN}" | head -c 268435456`,
    });
    const row = await crashDuringBulkCopy(RESUMED);
    const migrationId = await row.getAttribute('data-migration-id');
    expect(await row.getByTestId('migration-rollback').isVisible()).toBe(true);

    await row.getByTestId('migration-resume').click();
    const confirm = page.getByTestId('migration-resume-dialog');
    expect(await confirm.textContent()).toContain(
      `The migration to ${TARGET.host} carries on from its last safe point`,
    );
    await confirm.getByTestId('migration-resume-dialog-confirm').click();
    await confirm.waitFor({ state: 'detached' });
    // The resumed job is followed in the details dialog, step by step, to the outcome.
    const details = page.getByTestId('migration-details-dialog');
    const progress = details.getByTestId('migration-progress');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 300_000, interval: 500 }).toBe('succeeded');
    const statuses = await details
      .getByTestId('migration-step')
      .evaluateAll((items) =>
        items.map((item) => `${item.getAttribute('data-step')}:${item.getAttribute('data-status')}`),
      );
    expect(statuses).toEqual(MIGRATION_JOB.steps.map((step) => `${step.id}:done`));
    const outcome = details.getByTestId('migration-outcome');
    expect(await outcome.getAttribute('data-manifest-match')).toBe('true');
    expect(await outcome.textContent()).toContain(`${RESUMED} runs on ${TARGET.host}`);
    expect(await outcome.getByTestId('outcome-source').textContent()).toContain(
      `${RESUMED}-migrated-to-${TARGET.host}`,
    );
    await shot('migration-resumed.png');
    await details.getByTestId('migration-done').click();
    await details.waitFor({ state: 'detached' });

    // The same migration (same id) is now listed as completed, with nothing left to decide.
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('completed');
    expect(await row.getAttribute('data-migration-id')).toBe(migrationId);
    expect(await row.getByTestId('migration-state').textContent()).toBe('Completed');
    expect(await row.getByTestId('migration-resume').count()).toBe(0);
    expect(await row.getByTestId('migration-rollback').count()).toBe(0);

    // The copy runs on the target with the source's data, byte for byte; the source is stopped and marked.
    expect((await onMachine(TARGET.machine, `docker inspect -f '{{.State.Status}}' ${RESUMED}`)).trim()).toBe(
      'running',
    );
    expect((await onMachine(TARGET.machine, `docker exec ${RESUMED} cat /data/index.html`)).trim()).toBe(GREETING);
    const sums = async (machine: string): Promise<string> =>
      onMachine(machine, `cd /var/lib/docker/volumes/${RESUMED_VOLUME}/_data && sha256sum blob index.html sub/note`);
    expect(await sums(TARGET.machine)).toBe(await sums(SOURCE.machine));
    expect(
      (
        await onMachine(SOURCE.machine, `docker inspect -f '{{.State.Status}}' ${RESUMED}-migrated-to-${TARGET.host}`)
      ).trim(),
    ).toBe('exited');
    expect((await onMachine(SOURCE.machine, `docker ps -aq --filter name=^/${RESUMED}$`)).trim()).toBe('');
    // The route's one-off key is gone from the target.
    expect((await onMachine(TARGET.machine, `grep -c ${migrationId} /root/.ssh/authorized_keys || true`)).trim()).toBe(
      '0',
    );
  }, 400_000);

  it('did all of that without uncaught page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
