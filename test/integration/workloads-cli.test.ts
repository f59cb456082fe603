// `crossdock deploy`, `workloads`, `ports` and `secret` as a user runs them: the real bin in a
// fresh Node process per command, against rig machine crossdock-docker-1 (a host added through
// the CLI itself). The compose file, its .env and env_file sit in a folder, as on a laptop.
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeployReport, PortMapping, WorkloadProject } from '../../shared/index.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';

// Every command is a fresh Node process that unlocks the vault (scrypt): several per test, on a
// busy 2-core machine, can take longer than the integration default.
vi.setConfig({ testTimeout: 300_000 });

const RUN = randomBytes(3).toString('hex');
// The folder's name is the project's, as with docker compose.
const PROJECT = `wlcli${RUN}`;
const PORT = 28000 + randomInt(0, 900) * 2;
const MACHINE = 'crossdock-docker-1';
let rig: DockerRigInfo;
let home: string;
let folder: string;

/** Runs the real `crossdock` bin with the test's data directory and vault passphrase. */
function crossdock(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
      env: { ...process.env, CROSSDOCK_HOME: home, CROSSDOCK_PASSPHRASE: 'cli-passphrase', HTTP_PORT: String(PORT) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

async function ok(args: string[], stdin?: string): Promise<string> {
  const result = await crossdock(args, stdin);
  if (result.code !== 0) throw new Error(`crossdock ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

const compose = (image: string, greeting: string): string => `services:
  web:
    image: ${image}
    command: ["sh", "-c", "mkdir -p /www && echo \\"$$GREETING $$TEAM $$(cat /run/secrets/api_key)\\" > /www/index.html && httpd -p 80 -h /www && trap 'exit 0' TERM; while true; do sleep 1; done"]
    environment: { GREETING: ${greeting} }
    env_file: ./web.env
    ports: ["\${HTTP_PORT}:80"]
    volumes: [state:/state]
    secrets: [api_key]
volumes:
  state:
secrets:
  api_key: { external: true }
`;

beforeAll(async () => {
  rig = await upDockerRig(2);
  home = mkdtempSync(join(tmpdir(), 'crossdock-wl-cli-'));
  folder = join(home, PROJECT);
  mkdirSync(folder);
  writeFileSync(join(folder, 'compose.yaml'), compose(rig.testImage, 'hello'));
  writeFileSync(join(folder, 'web.env'), 'TEAM=blue\n');
  const machine = machineNamed(rig, MACHINE);
  await ok([
    'host',
    'add',
    'docker-1',
    '--ssh',
    `root@${machine.address}:${machine.port}`,
    '--key',
    rig.keyPath,
    '--trust',
    await machineHostKeyFingerprint(MACHINE),
  ]);
});

afterAll(async () => {
  if (rig) {
    const p = PROJECT;
    await onMachine(
      MACHINE,
      `docker rm -f $(docker ps -aq --filter label=com.docker.compose.project=${p}) >/dev/null 2>&1; docker network rm ${p}_default >/dev/null 2>&1; docker volume rm ${p}_state >/dev/null 2>&1; true`,
    );
  }
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('crossdock deploy and friends', () => {
  it('checks a compose file, printing each problem as FILE:LINE:COLUMN', async () => {
    const bad = join(folder, 'bad.yaml');
    writeFileSync(bad, 'services:\n  web:\n    image: x\n    gpus: all\n    restart: sometimes\n');
    const result = await crossdock(['workloads', 'check', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${bad}:4:5: services.web.gpus: not supported`,
      `${bad}:5:14: services.web.restart: must be no, always, on-failure[:N] or unless-stopped`,
      `crossdock: ${bad} has 2 problems (above); nothing was deployed (INVALID_ARGUMENT)`,
    ]);
    const good = await crossdock(['workloads', 'check', join(folder, 'compose.yaml')]);
    // The secret is not stored yet: a warning, not an error.
    expect(good.code).toBe(0);
    expect(good.stderr).toContain('warning: secrets.api_key: the vault has no secret "api_key"');
    expect(good.stdout).toMatch(new RegExp(`web\\s+${rig.testImage}\\s+${PORT}->80/tcp`));
  });

  it('stores a secret from standard input, deploys the folder as a project, and redeploys changes', async () => {
    expect(await ok(['secret', 'set', 'api_key'], 'k-123\n')).toContain('Stored secret api_key');
    expect(JSON.parse(await ok(['secret', 'ls', '--json']))).toEqual([
      { name: 'api_key', updatedAt: expect.any(String) as string },
    ]);

    const result = await crossdock(['deploy', join(folder, 'compose.yaml'), '--host', 'docker-1', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as DeployReport;
    expect(report).toMatchObject({
      host: 'docker-1',
      project: PROJECT,
      services: [{ name: 'web', action: 'created', container: `${PROJECT}-web-1` }],
      createdVolumes: [`${PROJECT}_state`],
    });
    // The job's log went to stderr.
    expect(result.stderr).toContain(`[web] created ${PROJECT}-web-1`);
    const page = async (): Promise<string> =>
      (await fetch(`http://${machineNamed(rig, MACHINE).address}:${PORT}/`)).text();
    await expect.poll(page, { timeout: 10_000 }).toBe('hello blue k-123\n');
    const labels = JSON.parse(
      await onMachine(MACHINE, `docker inspect -f '{{json .Config.Labels}}' ${PROJECT}-web-1`),
    ) as Record<string, string>;
    expect(labels['com.docker.compose.project.config_files']).toBe(join(folder, 'compose.yaml'));
    expect(labels['com.docker.compose.project.working_dir']).toBe(folder);

    writeFileSync(join(folder, 'compose.yaml'), compose(rig.testImage, 'bonjour'));
    const table = await ok(['deploy', join(folder, 'compose.yaml'), '--host', 'docker-1']);
    expect(table).toMatch(new RegExp(`web\\s+recreated\\s+${PROJECT}-web-1`));
    expect(table).toContain(`${PROJECT} on docker-1: deployed`);
    await expect.poll(page, { timeout: 10_000 }).toBe('bonjour blue k-123\n');
  });

  it('lists the project and the port map, as tables and as JSON', async () => {
    const projects = JSON.parse(await ok(['workloads', 'ls', '--host', 'docker-1', '--json'])) as WorkloadProject[];
    expect(projects.find((p) => p.name === PROJECT)).toMatchObject({
      hostName: 'docker-1',
      state: 'running',
      deployedByCrossdock: true,
      services: [{ name: 'web' }],
    });
    expect(await ok(['workloads', 'ls'])).toMatch(
      new RegExp(`docker-1\\s+${PROJECT}\\s+crossdock\\s+web\\s+${PROJECT}-web-1\\s+running\\s+${PORT}->80/tcp`),
    );
    const rows = JSON.parse(await ok(['ports', '--json'])) as PortMapping[];
    expect(rows.filter((r) => r.project === PROJECT && r.hostIp === '0.0.0.0')).toEqual([
      expect.objectContaining({
        hostName: 'docker-1',
        port: PORT,
        protocol: 'tcp',
        service: 'web',
        container: `${PROJECT}-web-1`,
        containerPort: 80,
      }),
    ]);
    expect(await ok(['ports'])).toMatch(
      new RegExp(`docker-1\\s+0\\.0\\.0\\.0\\s+${PORT}/tcp\\s+${PROJECT}\\s+web\\s+${PROJECT}-web-1\\s+80`),
    );
  });

  it('refuses a taken port with one line naming host, port and holder; --auto-ports moves it', async () => {
    const other = join(home, `${PROJECT}-b`);
    mkdirSync(other);
    writeFileSync(
      join(other, 'compose.yaml'),
      `services:\n  app:\n    image: ${rig.testImage}\n    command: ["sleep", "600"]\n    ports: ["${PORT}:80"]\n`,
    );
    const refused = await crossdock(['deploy', join(other, 'compose.yaml'), '--host', 'docker-1']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(
      `crossdock: host docker-1: port ${PORT}/tcp is taken by container ${PROJECT}-web-1 (project ${PROJECT}, service web); choose another port or add --auto-ports to publish on the next free port (PORT_CONFLICT)`,
    );
    const moved = await ok(['deploy', join(other, 'compose.yaml'), '--host', 'docker-1', '--auto-ports']);
    expect(moved).toMatch(
      new RegExp(
        `app: port ${PORT}/tcp was taken by container ${PROJECT}-web-1 \\(project ${PROJECT}, service web\\); published on \\d+`,
      ),
    );
    expect(await ok(['workloads', 'rm', `docker-1/${PROJECT}-b`])).toContain(
      `Removed ${PROJECT}-b from docker-1: 1 container, 1 network, 0 volumes (volumes kept; --volumes removes them)`,
    );
  });

  it('removes the project, its volumes only with --volumes', async () => {
    expect(await ok(['workloads', 'rm', `docker-1/${PROJECT}`, '--volumes'])).toContain(
      `Removed ${PROJECT} from docker-1: 1 container, 1 network, 1 volume`,
    );
    expect(
      (
        await onMachine(
          MACHINE,
          `docker ps -aq --filter label=com.docker.compose.project=${PROJECT}; docker volume ls -q --filter label=com.docker.compose.project=${PROJECT}`,
        )
      ).trim(),
    ).toBe('');
    const again = await crossdock(['workloads', 'rm', `docker-1/${PROJECT}`]);
    expect(again.stderr.trim()).toBe(
      `crossdock: Host docker-1 has no compose project "${PROJECT}"; "crossdock workloads ls" lists them (NOT_FOUND)`,
    );
  });
});
