// Pulling images on a host through its engine over the host's SSH connection, from the rig's
// registry (TLS with the rig CA, htpasswd login; test/rig/registry.sh): with credentials through
// the registryAuth resolver, and each failure named by its code with the host's images unchanged.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshDockerEngine, type DockerEngine } from '../../electron/core/docker/docker-engine.js';
import { pullImage, type RegistryAuthResolver } from '../../electron/core/images/pull-image.js';
import type { PullProgress } from '../../electron/core/images/pull-progress.js';
import { HostConnectionPool } from '../../electron/core/ssh/connection-pool.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';

const MACHINE = 'crossdock-docker-4';
const REPO = 'crossdock-it/pull-tiny';
let rig: DockerRigInfo;
let engine: DockerEngine;
let image: string;
const pool = new HostConnectionPool({ connectTimeoutMs: 10_000, reconnect: { enabled: false } });

function auth(password: string): RegistryAuthResolver {
  return (registry) =>
    Promise.resolve(
      registry === rig.registry.address ? { username: rig.registry.username, password, serveraddress: registry } : null,
    );
}

/** The host's images as sorted `id tags` lines: what must not change on a failed pull. */
async function hostImages(): Promise<string[]> {
  const list = await engine.call((docker) => docker.listImages());
  return list.map((i) => `${i.Id} ${(i.RepoTags ?? []).join(',')}`).sort();
}

async function removeImage(): Promise<void> {
  await onMachine(MACHINE, `docker rmi -f ${image} >/dev/null 2>&1 || true`);
}

beforeAll(async () => {
  rig = await upDockerRig(5);
  const machine = machineNamed(rig, MACHINE);
  const { address, username, password } = rig.registry;
  image = `${address}/${REPO}:v1`;
  // Put a small image in the registry with the machine's own CLI (a test fixture: the product
  // itself never runs `docker login` on a host), then leave the machine without it or the login.
  await onMachine(
    MACHINE,
    [
      `echo '${password}' | docker login -u ${username} --password-stdin ${address} >/dev/null`,
      // A layer of its own (the run's time in a file), so a pull downloads it: an image whose
      // layers all sit on the host already pulls without a single layer event.
      `printf 'FROM ${rig.testImage}\\nRUN echo ${Date.now()} > /pulled-layer\\n' | DOCKER_BUILDKIT=0 docker build -q -t ${image} - >/dev/null`,
      `docker push ${image} >/dev/null`,
      `docker logout ${address} >/dev/null`,
      `docker rmi ${image} >/dev/null`,
    ].join(' && '),
  );
  engine = sshDockerEngine(
    pool.get({
      hostId: MACHINE,
      address: machine.address,
      port: machine.port,
      username: 'root',
      privateKey: readFileSync(rig.keyPath),
      hostKey: { pinnedFingerprint: await machineHostKeyFingerprint(MACHINE), pinnedKeyType: 'ssh-ed25519' },
    }),
  );
});

afterAll(async () => {
  engine?.dispose();
  await pool.dispose();
});

describe('image pull from the rig registry', () => {
  it('pulls with the resolver’s credentials and reports per-layer progress', async () => {
    await removeImage();
    const seen: PullProgress[] = [];
    const result = await pullImage(engine, image, {
      registryAuth: auth(rig.registry.password),
      onProgress: (p) => seen.push(p),
    });
    expect(result.registry).toBe(rig.registry.address);
    expect(result.progress.layers).toBeGreaterThan(0);
    expect(result.progress.layersDone).toBe(result.progress.layers);
    expect(seen.length).toBeGreaterThan(0);
    expect(await hostImages()).toEqual(expect.arrayContaining([expect.stringContaining(image)]));
  });

  it('names a wrong password REGISTRY_AUTH_FAILED and leaves the host as it was', async () => {
    await removeImage();
    const before = await hostImages();
    await expect(pullImage(engine, image, { registryAuth: auth('wrong-password') })).rejects.toMatchObject({
      code: 'REGISTRY_AUTH_FAILED',
      details: { image, host: engine.label, registry: rig.registry.address },
    });
    expect(await hostImages()).toEqual(before);
  });

  it('names a pull without credentials REGISTRY_AUTH_FAILED (the registry asks for a login)', async () => {
    await removeImage();
    const before = await hostImages();
    await expect(pullImage(engine, image)).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    expect(await hostImages()).toEqual(before);
  });

  it('names a missing tag IMAGE_NOT_FOUND', async () => {
    const before = await hostImages();
    const missing = `${rig.registry.address}/${REPO}:no-such-tag`;
    await expect(pullImage(engine, missing, { registryAuth: auth(rig.registry.password) })).rejects.toMatchObject({
      code: 'IMAGE_NOT_FOUND',
      message: expect.stringContaining(missing),
    });
    expect(await hostImages()).toEqual(before);
  });

  it('names a registry that does not answer REGISTRY_UNREACHABLE, naming host and registry', async () => {
    const before = await hostImages();
    // Nothing listens on this port of the gateway: the registry as good as stopped, for this pull only
    // (stopping the shared registry would fail other files pulling at the same time).
    const closed = '10.213.0.1:5999';
    const error = await pullImage(engine, `${closed}/${REPO}:v1`, { registryAuth: auth('x') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REGISTRY_UNREACHABLE', details: { registry: closed, host: engine.label } });
    expect(await hostImages()).toEqual(before);
  });
});
