// Compose projects and the port map end to end: a real core deploys compose files over SSH to
// rig machines running their own Docker engines (crossdock-docker-1 and -2), and the machines'
// own docker CLI checks what it made. Project names carry a random run id, and everything this
// file creates is removed at the end.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CrossdockError,
  type CrossdockApi,
  type CrossdockEvents,
  type DeployReport,
  type JobInfo,
  type RpcClient,
  requireJobResult,
} from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';

const RUN = randomBytes(3).toString('hex');
const SHOP = `wl${RUN}-shop`;
const BLOG = `wl${RUN}-blog`;
const SOLO = `wl${RUN}-solo`;
const FOREIGN = `wl${RUN}-cli`;
// A port range no other rig test publishes on, different each run.
const PORT = 20000 + randomInt(0, 4000) * 2;
const SECRET_VALUE = `s3cret-${randomBytes(8).toString('hex')}`;
const M1 = 'crossdock-docker-1';
const M2 = 'crossdock-docker-2';

let rig: DockerRigInfo;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;

/** A shop: db (named volume, healthcheck) and web (port, secret, env file) that waits for db to be healthy. */
function shopCompose(image: string): string {
  return `services:
  db:
    image: ${image}
    command: ["sh", "-c", "echo stored > /data/greeting; touch /data/ready; trap 'exit 0' TERM; while true; do sleep 1; done"]
    volumes: [data:/data]
    healthcheck:
      test: ["CMD", "test", "-f", "/data/ready"]
      interval: 1s
      retries: 30
  web:
    image: ${image}
    command: ["sh", "-c", "mkdir -p /www && cp /run/secrets/token /www/token && echo \\"$$GREETING $$FROM_FILE\\" > /www/index.html && httpd -p 80 -h /www && trap 'exit 0' TERM; while true; do sleep 1; done"]
    environment:
      GREETING: "\${GREETING:-hello}"
    env_file: web.env
    ports: ["\${PORT}:80"]
    depends_on:
      db: { condition: service_healthy }
    secrets: [token]
volumes:
  data:
secrets:
  token: { external: true, name: wl-token }
`;
}

function blogCompose(image: string, port: number): string {
  return `name: ${BLOG}
services:
  app:
    image: ${image}
    command: ["sh", "-c", "mkdir -p /www && echo blog > /www/index.html && httpd -p 80 -h /www && trap 'exit 0' TERM; while true; do sleep 1; done"]
    ports: ["${port}:80"]
`;
}

const shopInput = (variables: Record<string, string> = {}) => ({
  compose: shopCompose(rig.testImage),
  files: { './web.env': 'FROM_FILE=from-env-file\n' },
  variables: { PORT: String(PORT), ...variables },
});

async function finished(job: Promise<JobInfo>): Promise<JobInfo> {
  return client.api.jobs.wait({ id: (await job).id });
}

async function deployed(job: Promise<JobInfo>): Promise<DeployReport> {
  const done = await finished(job);
  if (done.state !== 'succeeded') throw new Error(`deploy ${done.state}: ${JSON.stringify(done.error)}`);
  return requireJobResult(done, 'deploy');
}

/** `docker ps -a` on the machine, filtered by a compose project label: "name state" lines. */
async function composeContainers(machine: string, project: string): Promise<string[]> {
  const out = await onMachine(
    machine,
    `docker ps -a --filter label=com.docker.compose.project=${project} --format '{{.Names}} {{.State}}'`,
  );
  return out.trim().split('\n').filter(Boolean).sort();
}

async function containerId(machine: string, name: string): Promise<string> {
  return (await onMachine(machine, `docker inspect -f '{{.Id}}' ${name}`)).trim();
}

/** What a published port answers, fetched from this computer at the machine's address. */
async function fetchOnMachine(machine: string, port: number, path = '/'): Promise<string> {
  const url = `http://${machineNamed(rig, machine).address}:${port}${path}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return await response.text();
      if (attempt >= 30) throw new Error(`${url} answered ${response.status}`);
    } catch (error) {
      if (attempt >= 30) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function cleanUp(): Promise<void> {
  const script = [SHOP, BLOG, SOLO, FOREIGN]
    .map(
      (p) =>
        `docker rm -f $(docker ps -aq --filter label=com.docker.compose.project=${p}) >/dev/null 2>&1; docker network rm $(docker network ls -q --filter label=com.docker.compose.project=${p}) >/dev/null 2>&1; docker volume rm $(docker volume ls -q --filter label=com.docker.compose.project=${p}) >/dev/null 2>&1`,
    )
    .join('; ');
  await Promise.all([onMachine(M1, `${script}; true`), onMachine(M2, `${script}; true`)]);
}

beforeAll(async () => {
  rig = await upDockerRig(2);
  await cleanUp();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-workloads-'));
  core = createCore({
    dataDir,
    mode: 'test',
    knownHostsPaths: [],
    connection: { connectTimeoutMs: 10_000, reconnect: { enabled: false } },
  });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'integration-passphrase' });
  const keyId = (await client.api.keys.import({ name: 'rig', path: rig.keyPath })).id;
  for (const [name, machine] of [
    ['docker-1', M1],
    ['docker-2', M2],
  ] as const) {
    const m = machineNamed(rig, machine);
    await client.api.hosts.add({
      kind: 'ssh',
      name,
      address: m.address,
      port: m.port,
      user: 'root',
      keyId,
      trust: { fingerprint: await machineHostKeyFingerprint(machine) },
    });
  }
  await client.api.workloads.setSecret({ name: 'wl-token', value: SECRET_VALUE });
});

afterAll(async () => {
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (rig) await cleanUp();
});

describe('compose projects', () => {
  it('validates without touching a host: unsupported keys and bad values with their lines', async () => {
    const result = await client.api.workloads.validate({
      compose: 'services:\n  web:\n    image: x\n    deploy: { replicas: 2 }\n    ports: ["80:80/sctp"]\n',
    });
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`)).toEqual([
      '4: services.web.deploy.replicas: must be 1: Crossdock runs one container per service (scale is not supported yet)',
      '5: services.web.ports.0: protocol "sctp" is not supported; use tcp or udp',
    ]);
    const good = await client.api.workloads.validate(shopInput());
    expect(good).toMatchObject({
      valid: true,
      issues: [],
      summary: {
        services: [{ name: 'db' }, { name: 'web', ports: [{ published: PORT, target: 80 }] }],
        secrets: [{ name: 'token', vaultName: 'wl-token', stored: true }],
      },
    });
    const refused = await client.api.workloads
      .deploy({ host: 'docker-1', project: SHOP, compose: 'services:\n  web:\n    image: x\n    build: .\n' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CrossdockError);
    expect(refused).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Service web builds its image (build:), which needs the compose file'),
    });
  });

  it('deploys a 2-service project with a named volume, a port, a secret and depends_on healthy', async () => {
    const report = await deployed(
      client.api.workloads.deploy({
        host: 'docker-1',
        project: SHOP,
        ...shopInput(),
        configFile: '/home/me/shop/compose.yaml',
        workingDir: '/home/me/shop',
      }),
    );
    expect(report).toMatchObject({
      host: 'docker-1',
      project: SHOP,
      changed: true,
      services: [
        { name: 'db', action: 'created', container: `${SHOP}-db-1` },
        { name: 'web', action: 'created', container: `${SHOP}-web-1` },
      ],
      createdNetworks: [`${SHOP}_default`],
      createdVolumes: [`${SHOP}_data`],
      reassignedPorts: [],
    });
    // The machine's own docker CLI finds them by the compose labels.
    expect(await composeContainers(M1, SHOP)).toEqual([`${SHOP}-db-1 running`, `${SHOP}-web-1 running`]);
    const labels = JSON.parse(
      await onMachine(M1, `docker inspect -f '{{json .Config.Labels}}' ${SHOP}-web-1`),
    ) as Record<string, string>;
    expect(labels).toMatchObject({
      'com.docker.compose.project': SHOP,
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project.config_files': '/home/me/shop/compose.yaml',
      'com.docker.compose.project.working_dir': '/home/me/shop',
      'com.docker.compose.depends_on': 'db:service_healthy:false',
    });
    expect(labels['com.docker.compose.config-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (
        await onMachine(M1, `docker volume inspect -f '{{index .Labels "com.docker.compose.volume"}}' ${SHOP}_data`)
      ).trim(),
    ).toBe('data');
    expect((await onMachine(M1, `docker exec ${SHOP}-db-1 cat /data/greeting`)).trim()).toBe('stored');
    // The port answers on the host, with the environment, env_file and secret in place.
    expect((await fetchOnMachine(M1, PORT)).trim()).toBe('hello from-env-file');
    expect(await fetchOnMachine(M1, PORT, '/token')).toBe(SECRET_VALUE);
    expect((await onMachine(M1, `docker exec ${SHOP}-web-1 stat -c '%a %u' /run/secrets/token`)).trim()).toBe('444 0');
    // The secret's value is in no file of the data directory but the encrypted vault.
    for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(SECRET_VALUE), file).toBe(false);
  });

  it('redeploys only the service whose configuration changed, and nothing when nothing did', async () => {
    const dbBefore = await containerId(M1, `${SHOP}-db-1`);
    const webBefore = await containerId(M1, `${SHOP}-web-1`);
    const report = await deployed(
      client.api.workloads.deploy({ host: 'docker-1', project: SHOP, ...shopInput({ GREETING: 'bonjour' }) }),
    );
    expect(report.services.map((s) => `${s.name}:${s.action}`)).toEqual(['db:unchanged', 'web:recreated']);
    expect(await containerId(M1, `${SHOP}-db-1`)).toBe(dbBefore);
    expect(await containerId(M1, `${SHOP}-web-1`)).not.toBe(webBefore);
    expect((await fetchOnMachine(M1, PORT)).trim()).toBe('bonjour from-env-file');
    expect(await composeContainers(M1, SHOP)).toEqual([`${SHOP}-db-1 running`, `${SHOP}-web-1 running`]);

    const again = await deployed(
      client.api.workloads.deploy({ host: 'docker-1', project: SHOP, ...shopInput({ GREETING: 'bonjour' }) }),
    );
    expect(again).toMatchObject({ changed: false, createdNetworks: [], createdVolumes: [] });
    expect(again.services.map((s) => `${s.name}:${s.action}`)).toEqual(['db:unchanged', 'web:unchanged']);

    // A new secret value is not a configuration change: forceRecreate applies it.
    await client.api.workloads.setSecret({ name: 'wl-token', value: `${SECRET_VALUE}-2` });
    const forced = await deployed(
      client.api.workloads.deploy({
        host: 'docker-1',
        project: SHOP,
        ...shopInput({ GREETING: 'bonjour' }),
        forceRecreate: true,
      }),
    );
    expect(forced.services.map((s) => `${s.name}:${s.action}`)).toEqual(['db:recreated', 'web:recreated']);
    expect(await fetchOnMachine(M1, PORT, '/token')).toBe(`${SECRET_VALUE}-2`);
  });

  it('refuses a taken port with PORT_CONFLICT naming host, port and holder, and changes nothing', async () => {
    const done = await finished(
      client.api.workloads.deploy({ host: 'docker-1', compose: blogCompose(rig.testImage, PORT) }),
    );
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({
      code: 'PORT_CONFLICT',
      message: `host docker-1: port ${PORT}/tcp is taken by container ${SHOP}-web-1 (project ${SHOP}, service web); choose another port`,
      details: {
        host: 'docker-1',
        port: PORT,
        protocol: 'tcp',
        holder: `container ${SHOP}-web-1 (project ${SHOP}, service web)`,
        // Each client words this remedy: the CLI names --auto-ports, the app its form option.
        advice: 'auto-ports',
      },
    });
    expect(await composeContainers(M1, BLOG)).toEqual([]);
    expect((await onMachine(M1, `docker network ls -q --filter label=com.docker.compose.project=${BLOG}`)).trim()).toBe(
      '',
    );

    // A port held by a process outside Docker (sshd on 22) is found through ss over SSH.
    const sshd = await finished(
      client.api.workloads.deploy({ host: 'docker-1', compose: blogCompose(rig.testImage, 22) }),
    );
    expect(sshd.error?.code).toBe('PORT_CONFLICT');
    expect(sshd.error?.message).toMatch(/^host docker-1: port 22\/tcp is taken by process sshd \(pid \d+\); /);
    expect(await composeContainers(M1, BLOG)).toEqual([]);
  });

  it('assigns a free port when asked, and the port map shows every published port across hosts', async () => {
    const report = await deployed(
      client.api.workloads.deploy({ host: 'docker-1', compose: blogCompose(rig.testImage, PORT), autoPorts: true }),
    );
    expect(report.reassignedPorts).toHaveLength(1);
    const moved = report.reassignedPorts[0];
    expect(moved).toMatchObject({
      service: 'app',
      target: 80,
      protocol: 'tcp',
      wanted: PORT,
      holder: `container ${SHOP}-web-1 (project ${SHOP}, service web)`,
    });
    expect(moved?.assigned).toBeGreaterThan(PORT);
    expect((await fetchOnMachine(M1, moved?.assigned ?? 0)).trim()).toBe('blog');

    await deployed(
      client.api.workloads.deploy({ host: 'docker-2', project: SOLO, compose: blogCompose(rig.testImage, PORT) }),
    );
    const { items, failures } = await client.api.ports.list({});
    expect(failures).toEqual([]);
    const ours = items
      .filter((row) => [SHOP, BLOG, SOLO].includes(row.project ?? '') && row.hostIp === '0.0.0.0')
      .map(
        (row) =>
          `${row.hostName} ${row.port}/${row.protocol} → ${row.project}/${row.service}/${row.container}:${row.containerPort}`,
      );
    expect(ours).toEqual([
      `docker-1 ${PORT}/tcp → ${SHOP}/web/${SHOP}-web-1:80`,
      `docker-1 ${moved?.assigned ?? 0}/tcp → ${BLOG}/app/${BLOG}-app-1:80`,
      `docker-2 ${PORT}/tcp → ${SOLO}/app/${SOLO}-app-1:80`,
    ]);
  });

  it("is a project the host's own docker-compose recognises", async () => {
    // Debian's docker-compose (1.29) finds a project's containers by the same labels.
    await onMachine(
      M2,
      'command -v docker-compose >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose; } >/dev/null 2>&1',
    );
    const dir = `/tmp/${SOLO}`;
    await onMachine(
      M2,
      `mkdir -p ${dir} && printf 'services:\\n  app:\\n    image: ${rig.testImage}\\n' > ${dir}/docker-compose.yml`,
    );
    const ps = await onMachine(
      M2,
      `cd ${dir} && docker-compose -p ${SOLO} ps --services --filter status=running && docker-compose -p ${SOLO} ps -q`,
    );
    const [service, id] = ps.trim().split('\n');
    expect(service).toBe('app');
    expect(id).toBe(await containerId(M2, `${SOLO}-app-1`));
    await onMachine(M2, `rm -rf ${dir}`);
  });

  it('lists projects across hosts by their labels, those of the docker compose CLI too', async () => {
    // What the compose CLI would leave: a container with only the compose labels.
    await onMachine(
      M2,
      `docker run -d --name ${FOREIGN}-worker-1 --label com.docker.compose.project=${FOREIGN} --label com.docker.compose.service=worker --label com.docker.compose.oneoff=False --label com.docker.compose.container-number=1 ${rig.testImage} >/dev/null`,
    );
    const { items, failures } = await client.api.workloads.list({});
    expect(failures).toEqual([]);
    const ours = items
      .filter((p) => p.name.startsWith(`wl${RUN}`))
      .map((p) => [
        p.hostName,
        p.name,
        p.state,
        p.deployedByCrossdock,
        p.services.map((s) => `${s.name}:${s.containers.map((c) => c.state).join(',')}`),
      ]);
    expect(ours).toEqual([
      ['docker-1', BLOG, 'running', true, ['app:running']],
      ['docker-1', SHOP, 'running', true, ['db:running', 'web:running']],
      ['docker-2', FOREIGN, 'running', false, ['worker:running']],
      ['docker-2', SOLO, 'running', true, ['app:running']],
    ]);
    const shop = items.find((p) => p.name === SHOP);
    expect(shop?.services.find((s) => s.name === 'db')?.containers[0]?.health).toBe('healthy');
    expect(shop?.workingDir).toBe('/home/me/shop');
  });

  it('refuses images missing on the host by name, and removes services dropped from the file', async () => {
    const missing = await finished(
      client.api.workloads.deploy({
        host: 'docker-2',
        project: SOLO,
        compose: 'services:\n  app:\n    image: wl-no-such-image:1\n',
        pull: 'never',
      }),
    );
    expect(missing.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(
        /^Image "wl-no-such-image:1" is not on host docker-2 and the pull policy is never/,
      ),
    });
    expect(await composeContainers(M2, SOLO)).toEqual([`${SOLO}-app-1 running`]);

    const replaced = await deployed(
      client.api.workloads.deploy({
        host: 'docker-2',
        project: SOLO,
        compose: `services:\n  other:\n    image: ${rig.testImage}\n    command: ["sleep", "600"]\n`,
      }),
    );
    expect(replaced.services.map((s) => `${s.name}:${s.action}`)).toEqual(['app:removed', 'other:created']);
    expect(await composeContainers(M2, SOLO)).toEqual([`${SOLO}-other-1 running`]);
  });

  it('removes a project: containers and networks, volumes only when asked', async () => {
    const removed = await client.api.workloads.remove({ host: 'docker-1', project: SHOP });
    expect(removed).toEqual({
      host: 'docker-1',
      project: SHOP,
      containers: expect.arrayContaining([`${SHOP}-db-1`, `${SHOP}-web-1`]) as string[],
      networks: [`${SHOP}_default`],
      volumes: [],
    });
    expect(await composeContainers(M1, SHOP)).toEqual([]);
    expect((await onMachine(M1, `docker volume ls -q --filter label=com.docker.compose.project=${SHOP}`)).trim()).toBe(
      `${SHOP}_data`,
    );
    // Deploying again finds the kept volume and its data.
    await deployed(client.api.workloads.deploy({ host: 'docker-1', project: SHOP, ...shopInput() }));
    expect((await onMachine(M1, `docker exec ${SHOP}-db-1 cat /data/greeting`)).trim()).toBe('stored');

    const all = await client.api.workloads.remove({ host: 'docker-1', project: SHOP, removeVolumes: true });
    expect(all.volumes).toEqual([`${SHOP}_data`]);
    expect((await onMachine(M1, `docker volume ls -q --filter label=com.docker.compose.project=${SHOP}`)).trim()).toBe(
      '',
    );
    await expect(client.api.workloads.remove({ host: 'docker-1', project: SHOP })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const [host, project] of [
      ['docker-1', BLOG],
      ['docker-2', SOLO],
      ['docker-2', FOREIGN],
    ] as const)
      await client.api.workloads.remove({ host, project });
    expect((await client.api.workloads.list({})).items.filter((p) => p.name.startsWith(`wl${RUN}`))).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : name === 'vault.json' ? [] : [path];
  });
}
