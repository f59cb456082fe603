// Migration end to end between rig machines 6 (source, host d6) and 7 (target, host d7): the
// plan changes nothing, a container with a volume, published port, env, labels, restart policy
// and healthcheck moves with the same configuration and matching data, a compose project moves
// as a whole, and a port taken on the target refuses the migration at the plan.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigrationOutcome, type MigrationPlan, requireJobResult } from '../../shared/index.js';
import { machineNamed, onMachine } from './docker-rig.js';
import {
  HOST,
  SOURCE,
  TARGET,
  containerState,
  crossdock,
  finished,
  freePort,
  leftovers,
  makeApp,
  makeImage,
  setUpMigrationRig,
  volumeFileSha,
  type MigrationRig,
} from './migration-rig.js';

let m: MigrationRig;
let app: { name: string; volume: string; image: string; port: number };
const cleanups: { machine: string; script: string }[] = [];

beforeAll(async () => {
  m = await setUpMigrationRig();
  app = {
    name: `mig-web-${m.run}`,
    volume: `mig-data-${m.run}`,
    image: `crossdock-mig-app:${m.run}`,
    port: freePort(1),
  };
  await makeImage(SOURCE, app.image, m.rig.testImage, m.run);
  await makeApp(SOURCE, { ...app, dataMiB: 24, labels: { tier: 'front', 'com.example.owner': 'team a' } });
  for (const machine of [SOURCE, TARGET]) {
    cleanups.push({
      machine,
      script: `docker rm -f ${app.name} ${app.name}-migrated-to-d7 >/dev/null 2>&1; docker volume rm ${app.volume} >/dev/null 2>&1; docker image rm ${app.image} >/dev/null 2>&1; true`,
    });
  }
});

afterAll(async () => {
  for (const { machine, script } of cleanups.reverse()) await onMachine(machine, script).catch(() => undefined);
  await m?.dispose();
});

async function inspect(
  machine: string,
  name: string,
): Promise<Dockerode.ContainerInspectInfo & { Config: { StopTimeout?: number } }> {
  return (
    JSON.parse(await onMachine(machine, `docker inspect ${name}`)) as (Dockerode.ContainerInspectInfo & {
      Config: { StopTimeout?: number };
    })[]
  )[0] as never;
}

/** The parts of a container's configuration a migration must keep. */
function configOf(
  info: Dockerode.ContainerInspectInfo & { Config: { StopTimeout?: number } },
): Record<string, unknown> {
  const labels = { ...info.Config.Labels };
  delete labels['crossdock.migration.id'];
  return {
    image: info.Config.Image,
    imageId: info.Image,
    cmd: info.Config.Cmd,
    entrypoint: info.Config.Entrypoint,
    env: info.Config.Env,
    exposed: info.Config.ExposedPorts,
    labels,
    workingDir: info.Config.WorkingDir,
    user: info.Config.User,
    healthcheck: info.Config.Healthcheck,
    stopTimeout: info.Config.StopTimeout,
    restart: info.HostConfig.RestartPolicy,
    ports: info.HostConfig.PortBindings,
    // Docker lists mounts in no fixed order.
    mounts: info.Mounts.map((mount) => ({
      type: mount.Type,
      name: mount.Name,
      destination: mount.Destination,
      rw: mount.RW,
    })).sort((x, y) => x.destination.localeCompare(y.destination)),
  };
}

describe('migrating a container', () => {
  let before: Dockerode.ContainerInspectInfo & { Config: { StopTimeout?: number } };
  let plan: MigrationPlan;
  let outcome: MigrationOutcome;

  it('plans without changing anything on either host (dry run)', async () => {
    await expect
      .poll(() => onMachine(SOURCE, `docker inspect -f '{{.State.Health.Status}}' ${app.name}`).then((s) => s.trim()), {
        timeout: 30_000,
      })
      .toBe('healthy');
    before = await inspect(SOURCE, app.name);
    const targetBefore = await onMachine(
      TARGET,
      "docker ps -a --format '{{.ID}} {{.Names}} {{.State}}'; docker volume ls -q; docker network ls -q; docker images -q --no-trunc",
    );

    plan = await m.client.api.migrations.plan({
      source: { host: HOST[SOURCE], container: app.name },
      target: HOST[TARGET],
    });
    expect(plan.blockers).toEqual([]);
    expect(plan.containers).toEqual([
      expect.objectContaining({
        name: app.name,
        running: true,
        hasHealthcheck: true,
        ports: [`${app.port}/tcp`],
        volumes: [app.volume],
        binds: [],
        networks: [],
      }),
    ]);
    const image = plan.images.find((i) => i.ref === app.image);
    expect(image).toMatchObject({ onTarget: false, architecture: 'amd64' });
    expect(plan.imageBytesToSend).toBeGreaterThan(0);
    expect(plan.volumes).toEqual([expect.objectContaining({ name: app.volume, driver: 'local' })]);
    expect(plan.volumeBytes).toBeGreaterThanOrEqual(24 * 1024 * 1024);
    expect(plan.architecture).toEqual({ source: ['amd64'], target: 'amd64', match: true });
    expect(plan.route.kind).toBe('direct');
    expect(plan.space.freeBytes).toBeGreaterThan(plan.volumeBytes);
    expect(plan.estimate.transferMs).toBeGreaterThan(0);
    expect(plan.estimate.downtimeMs).toBeGreaterThan(0);

    // The CLI's dry run prints the same plan as JSON.
    const cli = crossdock(m.dataDir, [
      'migrate',
      `${HOST[SOURCE]}/${app.name}`,
      '--to',
      HOST[TARGET],
      '--dry-run',
      '--json',
    ]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      containers: [expect.objectContaining({ name: app.name })],
      blockers: [],
    });

    expect(
      await onMachine(
        TARGET,
        "docker ps -a --format '{{.ID}} {{.Names}} {{.State}}'; docker volume ls -q; docker network ls -q; docker images -q --no-trunc",
      ),
    ).toBe(targetBefore);
    const after = await inspect(SOURCE, app.name);
    expect(after.State.StartedAt).toBe(before.State.StartedAt);
    expect(after.State.Running).toBe(true);
    expect(await m.client.api.migrations.list({})).toEqual([]);
  });

  it('moves it with the CLI: running on the target with the same configuration and data, the source stopped and marked', async () => {
    const cli = crossdock(m.dataDir, ['migrate', `${HOST[SOURCE]}/${app.name}`, '--to', HOST[TARGET], '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    outcome = JSON.parse(cli.stdout) as MigrationOutcome;
    expect(outcome.plan.containers[0]?.name).toBe(app.name);
    expect(outcome.manifest).toMatchObject({ match: true, differences: [] });
    expect(outcome.manifest.files).toBeGreaterThanOrEqual(8);
    expect(outcome.bytes.images).toBeGreaterThan(0);
    expect(outcome.bytes.volumes).toBeGreaterThanOrEqual(24 * 1024 * 1024);
    expect(outcome.route.kind).toBe('direct');
    // Downtime: from the stop request to healthy on the target, well under the whole run.
    expect(outcome.downtimeMs).toBeGreaterThan(0);
    expect(outcome.downtimeMs).toBeLessThan(outcome.durationMs);
    // The log on stderr walked through every step.
    for (const step of [
      '[route]',
      '[volumes-bulk]',
      '[create]',
      '[volumes-catchup]',
      '[stop-source]',
      '[volumes-delta]',
      '[start-target]',
      '[ready]',
      '[finish-source]',
    ])
      expect(cli.stderr).toContain(step);

    // Ready as soon as its healthcheck passed, run by Crossdock; Docker's own first check agrees.
    expect(cli.stderr).toContain(`[ready] ${app.name} on ${HOST[TARGET]} passed its healthcheck (run by Crossdock`);
    await expect
      .poll(() => onMachine(TARGET, `docker inspect -f '{{.State.Health.Status}}' ${app.name}`).then((s) => s.trim()), {
        timeout: 30_000,
      })
      .toBe('healthy');
    const copy = await inspect(TARGET, app.name);
    expect(copy.State.Running).toBe(true);
    expect(configOf(copy)).toEqual(configOf(before));
    expect(copy.Config.Labels['crossdock.migration.id']).toBe(outcome.id);

    // The data: the big file and the counter as the source left them when it stopped.
    expect(await volumeFileSha(TARGET, app.volume, 'blob')).toBe(await volumeFileSha(SOURCE, app.volume, 'blob'));
    expect(
      await onMachine(
        TARGET,
        `readlink /var/lib/docker/volumes/${app.volume}/_data/link; stat -c %a /var/lib/docker/volumes/${app.volume}/_data/sub/deeper/note`,
      ),
    ).toBe('sub/deeper/note\n640\n');
    // The published port answers on the target's address.
    const target = machineNamed(m.rig, TARGET);
    const page = await fetch(`http://${target.address}:${app.port}/`);
    expect(await page.text()).toMatch(/^hello world from [0-9a-f]{12}\n$/);

    // The source: stopped, renamed, restart policy "no", so nothing restarts it next to the copy.
    expect(await containerState(SOURCE, app.name)).toBe('missing');
    const old = await inspect(SOURCE, `${app.name}-migrated-to-d7`);
    expect(old.Id).toBe(before.Id);
    expect(old.State.Running).toBe(false);
    expect(old.HostConfig.RestartPolicy?.Name).toBe('no');
    expect(outcome.source.containers).toEqual([
      { id: before.Id, name: app.name, renamedTo: `${app.name}-migrated-to-d7` },
    ]);

    const listed = await m.client.api.migrations.list({});
    expect(listed).toEqual([
      expect.objectContaining({
        id: outcome.id,
        state: 'completed',
        source: `d6/${app.name}`,
        target: 'd7',
        canResume: false,
        canRollback: false,
      }),
    ]);
    expect(listed[0]?.steps.map((s) => s.name)).toEqual([
      'plan',
      'route',
      'networks',
      'images',
      'volumes-bulk',
      'checksums',
      'create',
      'volumes-catchup',
      'stop-source',
      'volumes-delta',
      'verify',
      'start-target',
      'ready',
      'finish-source',
    ]);
    expect(listed[0]?.steps.every((s) => s.state === 'done')).toBe(true);
    const table = crossdock(m.dataDir, ['migrate', 'ls']);
    expect(table.stdout).toMatch(
      new RegExp(`${outcome.id.slice(0, 8)}\\s+completed\\s+finish-source\\s+d6/${app.name}\\s+d7`),
    );
    // The route's key is gone from the target.
    expect((await onMachine(TARGET, `grep -c ${outcome.id} /root/.ssh/authorized_keys || true`)).trim()).toBe('0');
  });
});

describe('migrating a compose project', () => {
  it('moves every container of the project, its network with aliases and compose labels, and its volumes', async () => {
    const project = `migproj${m.run}`;
    const network = `${project}_default`;
    const compose = (service: string, dependsOn?: string): Record<string, string> => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      ...(dependsOn ? { 'com.docker.compose.depends_on': `${dependsOn}:service_started:false` } : {}),
    });
    for (const machine of [SOURCE, TARGET]) {
      cleanups.push({
        machine,
        script: `docker rm -f ${project}-web-1 ${project}-db-1 ${project}-web-1-migrated-to-d7 ${project}-db-1-migrated-to-d7 >/dev/null 2>&1; docker volume rm ${project}_web ${project}_db >/dev/null 2>&1; docker network rm ${network} >/dev/null 2>&1; true`,
      });
    }
    await onMachine(
      SOURCE,
      `docker network rm ${network} >/dev/null 2>&1; docker network create --label com.docker.compose.project=${project} --label com.docker.compose.network=default ${network} >/dev/null`,
    );
    await makeApp(SOURCE, {
      name: `${project}-db-1`,
      volume: `${project}_db`,
      image: m.rig.testImage,
      port: freePort(2),
      dataMiB: 2,
      labels: compose('db'),
      network: { name: network, alias: 'db' },
    });
    await makeApp(SOURCE, {
      name: `${project}-web-1`,
      volume: `${project}_web`,
      image: m.rig.testImage,
      port: freePort(3),
      dataMiB: 1,
      labels: compose('web', 'db'),
      network: { name: network, alias: 'web' },
    });

    const job = await m.client.api.migrations.start({
      source: { host: HOST[SOURCE], project },
      target: HOST[TARGET],
      healthySeconds: 2,
    });
    const { job: done, log } = await finished(m.client, job);
    expect(done.state, log).toBe('succeeded');
    const outcome = requireJobResult(done, 'migration');
    expect(outcome.containers.map((c) => c.name).sort()).toEqual([`${project}-db-1`, `${project}-web-1`]);
    expect(outcome.manifest.match).toBe(true);
    // db first: web depends on it.
    expect(log.indexOf(`started ${project}-db-1`)).toBeLessThan(log.indexOf(`started ${project}-web-1`));

    const onTarget = (
      await onMachine(
        TARGET,
        `docker ps --filter label=com.docker.compose.project=${project} --format '{{.Names}} {{.Label "com.docker.compose.service"}}'`,
      )
    )
      .trim()
      .split('\n')
      .sort();
    expect(onTarget).toEqual([`${project}-db-1 db`, `${project}-web-1 web`]);
    const net = JSON.parse(await onMachine(TARGET, `docker network inspect ${network}`)) as {
      Labels: Record<string, string>;
    }[];
    expect(net[0]?.Labels).toMatchObject({
      'com.docker.compose.project': project,
      'com.docker.compose.network': 'default',
    });
    const aliases = (
      await onMachine(
        TARGET,
        `docker inspect -f '{{json (index .NetworkSettings.Networks "${network}").Aliases}}' ${project}-db-1`,
      )
    ).trim();
    expect(JSON.parse(aliases)).toContain('db');
    // The service names resolve on the target's network, as they did on the source's.
    expect(await onMachine(TARGET, `docker exec ${project}-web-1 wget -q -O - http://db:8080/`)).toMatch(
      /^hello world from /,
    );
    expect(await containerState(SOURCE, `${project}-db-1-migrated-to-d7`)).toBe('exited');
    expect(await containerState(SOURCE, `${project}-web-1-migrated-to-d7`)).toBe('exited');
  });
});

describe('a port taken on the target', () => {
  it('refuses the migration at the plan with PORT_CONFLICT naming the host, port and holder, changing nothing', async () => {
    const port = freePort(4);
    const name = `mig-clash-${m.run}`;
    const holder = `mig-holder-${m.run}`;
    for (const machine of [SOURCE, TARGET])
      cleanups.push({
        machine,
        script: `docker rm -f ${name} ${holder} >/dev/null 2>&1; docker volume rm ${name}-data >/dev/null 2>&1; true`,
      });
    await onMachine(TARGET, `docker run -d --name ${holder} -p ${port}:80 ${m.rig.testImage} >/dev/null`);
    await makeApp(SOURCE, { name, volume: `${name}-data`, image: m.rig.testImage, port, dataMiB: 1 });

    const plan = await m.client.api.migrations.plan({
      source: { host: HOST[SOURCE], container: name },
      target: HOST[TARGET],
    });
    expect(plan.blockers).toEqual([
      expect.objectContaining({
        code: 'PORT_CONFLICT',
        details: expect.objectContaining({ host: 'd7', port, holder: `container ${holder}` }),
      }),
    ]);
    expect(plan.portConflicts).toEqual([`d7:${port}/tcp`]);

    const cli = crossdock(m.dataDir, ['migrate', `${HOST[SOURCE]}/${name}`, '--to', HOST[TARGET], '--dry-run']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`Refused:  host d7: port ${port}/tcp is taken by container ${holder}`);
    expect(cli.stderr.trim()).toMatch(
      new RegExp(`^crossdock: host d7: port ${port}/tcp is taken by container ${holder}.* \\(PORT_CONFLICT\\)$`),
    );

    const job = await m.client.api.migrations.start({
      source: { host: HOST[SOURCE], container: name },
      target: HOST[TARGET],
    });
    const { job: done } = await finished(m.client, job);
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('PORT_CONFLICT');
    expect((await m.client.api.migrations.get({ id: job.id })).state).toBe('failed-rolled-back');
    expect(await containerState(SOURCE, name)).toBe('running');
    expect(await leftovers(TARGET, job.id, { containers: [name], volumes: [`${name}-data`], networks: [] })).toEqual(
      [],
    );
  });
});

describe('bind mounts and --remove-source', () => {
  it('keeps binds as binds: a host path missing on the target refuses the plan; once it exists, the container moves and the source is removed', async () => {
    const name = `mig-bind-${m.run}`;
    const dir = `/srv/${name}`;
    for (const machine of [SOURCE, TARGET])
      cleanups.push({
        machine,
        script: `docker rm -f ${name} >/dev/null 2>&1; docker volume rm ${name}-data >/dev/null 2>&1; rm -rf ${dir}; true`,
      });
    await onMachine(SOURCE, `mkdir -p ${dir} && echo 'setting=1' > ${dir}/app.conf`);
    await onMachine(
      SOURCE,
      `docker run -d --name ${name} -v ${name}-data:/data -v ${dir}:/conf:ro -v /etc/hostname:/host-name:ro ${m.rig.testImage} sh -c 'trap "exit 0" TERM; while true; do sleep 1 & wait; done' >/dev/null`,
    );

    const plan = await m.client.api.migrations.plan({
      source: { host: HOST[SOURCE], container: name },
      target: HOST[TARGET],
    });
    // Docker lists a container's mounts in no fixed order.
    expect([...(plan.containers[0]?.binds ?? [])].sort()).toEqual(['/etc/hostname', dir]);
    expect(plan.blockers).toEqual([
      expect.objectContaining({
        code: 'FAILED_PRECONDITION',
        details: expect.objectContaining({ host: 'd7', container: name, path: dir }),
      }),
    ]);
    expect(plan.blockers[0]?.message).toContain('does not copy bind-mounted host paths');

    // Host configuration is the operator's to provide on the target; with it there, the move goes ahead.
    await onMachine(TARGET, `mkdir -p ${dir} && echo 'setting=2' > ${dir}/app.conf`);
    const job = await m.client.api.migrations.start({
      source: { host: HOST[SOURCE], container: name },
      target: HOST[TARGET],
      removeSource: true,
      healthySeconds: 1,
    });
    const { job: done, log } = await finished(m.client, job);
    expect(done.state, log).toBe('succeeded');
    expect(requireJobResult(done, 'migration').source).toEqual({
      containers: [expect.objectContaining({ name, renamedTo: null })],
      removed: true,
    });
    expect(await onMachine(TARGET, `docker exec ${name} cat /conf/app.conf`)).toBe('setting=2\n');
    expect(await containerState(SOURCE, name)).toBe('missing');
    // --remove-source removes the container only: its volume stays on the source.
    expect((await onMachine(SOURCE, `docker volume ls -q --filter name=^${name}-data$`)).trim()).toBe(`${name}-data`);
  });
});
