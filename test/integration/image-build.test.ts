// Builds on the target host end to end: a real core deploys a compose project whose service
// builds its image (build: with a .dockerignore'd context in a folder here) to crossdock-docker-5
// over SSH, and the machine's own docker CLI checks what was built. The project name carries a
// random run id; its containers and images are removed at the end.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
const PROJECT = `bd${RUN}-shop`;
const IMAGE = `${PROJECT}-web`;
const CONTAINER = `${PROJECT}-web-1`;
const MACHINE = 'crossdock-docker-5';
const HOST = 'build-5';

let rig: DockerRigInfo;
let dataDir: string;
let folder: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;

const write = (path: string, text: string): void => {
  mkdirSync(join(folder, path, '..'), { recursive: true });
  writeFileSync(join(folder, path), text);
};

/** The project's compose file: web built from ./app, with an arg and a label; `extra` goes under build:. */
function compose(extra = ''): string {
  return `name: ${PROJECT}
services:
  web:
    build:
      context: ./app
      args: { GREETING: hello }
      labels: { team: shop }
${extra}    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
`;
}

async function deploy(text: string): Promise<{ job: JobInfo; log: string[] }> {
  const started = await client.api.workloads.deploy({ host: HOST, compose: text, workingDir: folder });
  const job = await client.api.jobs.wait({ id: started.id });
  const log = (await client.api.jobs.logs({ id: job.id })).map((line) => line.text);
  return { job, log };
}

async function deployed(text: string): Promise<{ report: DeployReport; log: string[] }> {
  const { job, log } = await deploy(text);
  if (job.state !== 'succeeded')
    throw new Error(`deploy ${job.state}: ${JSON.stringify(job.error)}\n${log.join('\n')}`);
  return { report: requireJobResult(job, 'deploy'), log };
}

const onHost = (script: string): Promise<string> => onMachine(MACHINE, script).then((out) => out.trim());
const imageId = (): Promise<string> => onHost(`docker image inspect -f '{{.Id}}' ${IMAGE}`);
const containerId = (): Promise<string> => onHost(`docker inspect -f '{{.Id}}' ${CONTAINER}`);

async function cleanUp(): Promise<void> {
  await onHost(
    `docker rm -f $(docker ps -aq --filter label=com.docker.compose.project=${PROJECT}) >/dev/null 2>&1; docker network rm ${PROJECT}_default >/dev/null 2>&1; docker rmi -f $(docker images -q --filter label=com.docker.compose.project=${PROJECT}) >/dev/null 2>&1; true`,
  );
}

beforeAll(async () => {
  rig = await upDockerRig(5);
  await cleanUp();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-build-'));
  folder = mkdtempSync(join(tmpdir(), 'crossdock-build-project-'));
  write('app/Dockerfile', `FROM ${rig.testImage}\nARG GREETING=none\nCOPY . /app\nRUN echo "$GREETING" > /greeting\n`);
  write('app/.dockerignore', '# not for the image\nsecret.txt\nnode_modules\n');
  write('app/index.txt', 'version 1');
  write('app/secret.txt', 'TOKEN=do-not-ship');
  write('app/node_modules/big/index.js', 'x'.repeat(4096));
  core = createCore({
    dataDir,
    mode: 'test',
    knownHostsPaths: [],
    connection: { connectTimeoutMs: 10_000, reconnect: { enabled: false } },
  });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'integration-passphrase' });
  const keyId = (await client.api.keys.import({ name: 'rig', path: rig.keyPath })).id;
  const machine = machineNamed(rig, MACHINE);
  await client.api.hosts.add({
    kind: 'ssh',
    name: HOST,
    address: machine.address,
    port: machine.port,
    user: 'root',
    keyId,
    trust: { fingerprint: await machineHostKeyFingerprint(MACHINE) },
  });
});

afterAll(async () => {
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (folder) rmSync(folder, { recursive: true, force: true });
  if (rig) await cleanUp();
});

describe('builds on the target host', () => {
  it('refuses build: when the deploy does not say where the compose file is, before the host changes', async () => {
    const refused = await client.api.workloads.deploy({ host: HOST, compose: compose() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CrossdockError);
    expect(refused).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Service web builds its image (build:)'),
    });
    expect(await onHost(`docker images -q ${IMAGE}`)).toBe('');
  });

  it('builds the image named PROJECT-SERVICE from the context, leaving out what .dockerignore names', async () => {
    const { report, log } = await deployed(compose());
    expect(report.services).toEqual([{ name: 'web', action: 'created', container: CONTAINER }]);
    expect(log).toContainEqual(
      expect.stringContaining(`[build] web: building ${IMAGE} on ${HOST} (host ${HOST} has no image`),
    );
    // The classic builder counts each label of the request as a LABEL step of its own.
    expect(log).toContainEqual(expect.stringMatching(/^\[build web\] Step 4\/\d+ : RUN echo/));
    const files = (await onHost(`docker exec ${CONTAINER} ls -a /app`)).split('\n');
    expect(files).toContain('index.txt');
    expect(files).not.toContain('secret.txt');
    expect(files).not.toContain('node_modules');
    expect(await onHost(`docker exec ${CONTAINER} cat /greeting`)).toBe('hello');
    const labels = JSON.parse(await onHost(`docker image inspect -f '{{json .Config.Labels}}' ${IMAGE}`)) as Record<
      string,
      string
    >;
    expect(labels).toMatchObject({
      team: 'shop',
      'com.docker.compose.project': PROJECT,
      'com.docker.compose.service': 'web',
      'crossdock.build.context-hash': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });

  it('does not build again when only an ignored file changed', async () => {
    const before = { image: await imageId(), container: await containerId() };
    write('app/secret.txt', 'TOKEN=changed');
    write('app/node_modules/big/more.js', 'y');
    const { report, log } = await deployed(compose());
    expect(report.services).toEqual([{ name: 'web', action: 'unchanged', container: CONTAINER }]);
    expect(log).toContainEqual(expect.stringContaining('[build] web: context sha256:'));
    expect(log.some((line) => line.startsWith('[build web]'))).toBe(false);
    expect({ image: await imageId(), container: await containerId() }).toEqual(before);
  });

  it('builds again when a file of the context changed, and recreates the service', async () => {
    const before = await imageId();
    write('app/index.txt', 'version 2');
    const { report, log } = await deployed(compose());
    expect(report.services).toEqual([{ name: 'web', action: 'recreated', container: CONTAINER }]);
    expect(log).toContainEqual(expect.stringContaining('(its context changed)'));
    expect(await imageId()).not.toBe(before);
    expect(await onHost(`docker exec ${CONTAINER} cat /app/index.txt`)).toBe('version 2');
  });

  it('builds every time with pull_policy: build', async () => {
    const { log } = await deployed(compose().replace('    command:', '    pull_policy: build\n    command:'));
    expect(log).toContainEqual(expect.stringContaining('(pull_policy: build)'));
  });

  it('names the service, host and failing step with its output when a RUN fails, and leaves the service running', async () => {
    const running = await containerId();
    const { job } = await deploy(
      compose().replace(
        '      context: ./app\n',
        `      context: ./app\n      dockerfile_inline: |\n        FROM ${rig.testImage}\n        RUN echo about to fail && exit 3\n`,
      ),
    );
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringContaining(`Building the image of service web on host ${HOST} failed at step 2/`),
      details: { service: 'web', host: HOST, image: IMAGE },
    });
    expect(job.error?.message).toContain('returned a non-zero code: 3');
    expect(job.error?.message).toContain('about to fail');
    expect(await containerId()).toBe(running);
    expect(await onHost(`docker inspect -f '{{.State.Running}}' ${CONTAINER}`)).toBe('true');
  });

  it('names a Dockerfile the engine cannot read', async () => {
    const { job } = await deploy(
      compose().replace(
        '      context: ./app\n',
        `      context: ./app\n      dockerfile_inline: |\n        FROM ${rig.testImage}\n        FETCH everything\n`,
      ),
    );
    expect(job.error).toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringMatching(/service web on host build-5 failed.*unknown instruction: FETCH/is),
    });
  });
});
