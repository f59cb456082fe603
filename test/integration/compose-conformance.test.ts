// docker compose as the oracle: every file of test/fixtures/compose-corpus/ is brought up once by
// docker compose v2 (Debian 13's 2.26, installed by `rig.sh install`, copied into the machine)
// and once by Crossdock's deploy, as two projects on crossdock-docker-1's engine. Each pair of
// containers' `docker inspect` must agree on every field of Config and HostConfig and on the
// networks, once project names and generated ids are replaced by placeholders; a difference
// fails with the field named.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CrossdockApi, CrossdockEvents, RpcClient } from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';
import { diffInspect, normaliseInspect, type Inspect } from './compose-inspect-diff.js';

const run = promisify(execFile);
const RUN = randomBytes(3).toString('hex');
const MACHINE = 'crossdock-docker-1';
const CORPUS = join(import.meta.dirname, '../fixtures/compose-corpus');
const FILES = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
/** Where the compose plugin `rig.sh install` puts on this computer. */
const COMPOSE_BINARY = '/usr/libexec/docker/cli-plugins/docker-compose';
// Not under /tmp: that is a tmpfs in the machines, which docker cp cannot see.
const REMOTE_DIR = `/root/compose-corpus-${RUN}`;

let rig: DockerRigInfo;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;

const oracleProject = (file: string) => `cc${RUN}a-${file.replace(/\.yaml$/, '')}`;
const crossdockProject = (file: string) => `cc${RUN}b-${file.replace(/\.yaml$/, '')}`;

async function removeProjects(): Promise<void> {
  const filter = `label=com.docker.compose.project`;
  // Every project of this run (and of killed earlier runs: their names start with cc).
  const script = [
    `for c in $(docker ps -aq --filter ${filter}); do p=$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project"}}' $c); case $p in cc??????[ab]-*) docker rm -f $c >/dev/null;; esac; done`,
    `for n in $(docker network ls -q --filter ${filter}); do p=$(docker network inspect -f '{{index .Labels "com.docker.compose.project"}}' $n); case $p in cc??????[ab]-*) docker network rm $n >/dev/null;; esac; done`,
    `for v in $(docker volume ls -q --filter ${filter}); do p=$(docker volume inspect -f '{{index .Labels "com.docker.compose.project"}}' $v); case $p in cc??????[ab]-*) docker volume rm $v >/dev/null;; esac; done`,
    `rm -rf /root/compose-corpus-*`,
  ].join('; ');
  await onMachine(MACHINE, `${script}; true`);
}

/** The compose plugin is a static binary: it runs in the machine without a docker CLI plugin dir. */
async function installOracle(): Promise<void> {
  const present = await onMachine(MACHINE, 'docker-compose version --short 2>/dev/null || true');
  if (/^2\./.test(present.trim())) return;
  await run('docker', ['cp', COMPOSE_BINARY, `${MACHINE}:/usr/local/bin/docker-compose`]);
}

/** `docker inspect` of a project's containers, by service and container number. */
async function inspectProject(project: string): Promise<Map<string, Inspect>> {
  const ids = (await onMachine(MACHINE, `docker ps -aq --filter label=com.docker.compose.project=${project}`))
    .trim()
    .split('\n')
    .filter(Boolean);
  const byKey = new Map<string, Inspect>();
  if (ids.length === 0) return byKey;
  const all = JSON.parse(await onMachine(MACHINE, `docker inspect ${ids.join(' ')}`)) as Inspect[];
  for (const container of all) {
    const labels = container.Config.Labels ?? {};
    byKey.set(`${labels['com.docker.compose.service']}-${labels['com.docker.compose.container-number']}`, container);
  }
  return byKey;
}

beforeAll(async () => {
  const version = await run('docker-compose', ['version', '--short']).catch((e: unknown) => {
    throw new Error(`docker compose v2 is missing on this computer: run bash test/rig/rig.sh install (${String(e)})`);
  });
  if (!/^2\./.test(version.stdout.trim())) throw new Error(`docker-compose is ${version.stdout.trim()}, not v2`);
  rig = await upDockerRig(2);
  await removeProjects();
  await installOracle();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-conformance-'));
  core = createCore({
    dataDir,
    mode: 'test',
    knownHostsPaths: [],
    connection: { connectTimeoutMs: 10_000, reconnect: { enabled: false } },
  });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'integration-passphrase' });
  const keyId = (await client.api.keys.import({ name: 'rig', path: rig.keyPath })).id;
  const m = machineNamed(rig, MACHINE);
  await client.api.hosts.add({
    kind: 'ssh',
    name: 'oracle-host',
    address: m.address,
    port: m.port,
    user: 'root',
    keyId,
    trust: { fingerprint: await machineHostKeyFingerprint(MACHINE) },
  });
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (rig) await removeProjects();
});

describe('docker compose as the oracle', () => {
  it('has a corpus', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
  });

  // Each file's two projects go once compared: an engine has about 30 default address pools,
  // fewer than the corpus's networks.
  afterEach(removeProjects);

  it.each(FILES)('%s: Crossdock makes the containers docker compose makes', async (file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const a = oracleProject(file);
    const b = crossdockProject(file);
    // PREFIX keeps fixed names (container_name) of the two projects apart on the one engine.
    const variables = { IMAGE: rig.testImage, PREFIX: b };
    // The oracle: the file in a folder of its own in the machine, `docker compose up` there.
    const local = mkdtempSync(join(tmpdir(), 'crossdock-corpus-'));
    try {
      writeFileSync(join(local, 'compose.yaml'), text);
      await onMachine(MACHINE, `mkdir -p ${REMOTE_DIR}`);
      await run('docker', ['cp', local, `${MACHINE}:${REMOTE_DIR}/${a}`]);
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
    await onMachine(
      MACHINE,
      `cd ${REMOTE_DIR}/${a} && IMAGE='${rig.testImage}' PREFIX='${a}' docker-compose -p ${a} up -d --no-build --quiet-pull 2>&1`,
    ).catch((e: unknown) => {
      // Its output went to stdout (2>&1), which the error's message leaves out.
      const output = (e as { stdout?: string }).stdout ?? '';
      throw new Error(`docker compose up failed for ${file}: ${String(e)}\n${output}`);
    });
    // Crossdock, with the same file and variables.
    const job = await client.api.workloads.deploy({
      host: 'oracle-host',
      project: b,
      compose: text,
      variables,
      configFile: `${REMOTE_DIR}/${b}/compose.yaml`,
      workingDir: `${REMOTE_DIR}/${b}`,
    });
    const done = await client.api.jobs.wait({ id: job.id });
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');

    const oracle = await inspectProject(a);
    const ours = await inspectProject(b);
    expect([...ours.keys()].sort()).toEqual([...oracle.keys()].sort());
    const differences: string[] = [];
    const idsOf = (project: Map<string, Inspect>) => new Map([...project].map(([key, c]) => [c.Id, key]));
    for (const [key, theirs] of oracle) {
      const mine = ours.get(key);
      if (!mine) continue;
      const left = normaliseInspect(theirs, a, idsOf(oracle));
      const right = normaliseInspect(mine, b, idsOf(ours));
      for (const d of diffInspect(left, right)) differences.push(`${key}: ${d}`);
    }
    expect(differences).toEqual([]);
  });
});
