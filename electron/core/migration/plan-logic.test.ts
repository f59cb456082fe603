import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../headless/commands/migrate.js';
import { migratedName, startOrder } from './cutover.js';
import { ASSUMED_BYTES_PER_SECOND, containerStop, DEFAULT_STOP, estimateMigration } from './estimate.js';
import { architectureMismatches, normaliseArchitecture } from './plan.js';
import { recreateFromInspect, type InspectedContainer } from './recreate-from-inspect.js';
import type { ContainerSpec } from './source-containers.js';

describe('architecture check', () => {
  it('treats uname and Go names as the same architecture', () => {
    expect(normaliseArchitecture('x86_64')).toBe('amd64');
    expect(normaliseArchitecture('aarch64')).toBe('arm64');
    expect(normaliseArchitecture('arm64')).toBe('arm64');
  });

  it('refuses an arm64 image on an amd64 target, naming both and what to do', () => {
    const refused = architectureMismatches(
      [
        { ref: 'web:1', architecture: 'arm64' },
        { ref: 'db:1', architecture: 'amd64' },
      ],
      'web-2',
      'amd64',
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      code: 'FAILED_PRECONDITION',
      details: { host: 'web-2', image: 'web:1', imageArchitecture: 'arm64', targetArchitecture: 'amd64' },
    });
    expect(refused[0]?.message).toMatch(/web:1 is built for arm64 but web-2 runs amd64; build the image for amd64/);
    expect(architectureMismatches([{ ref: 'a', architecture: 'x86_64' }], 'h', 'amd64')).toEqual([]);
  });
});

describe('estimateMigration', () => {
  it('estimates from an assumed rate until a migration between the hosts was measured', () => {
    const assumed = estimateMigration({
      imageBytes: 0,
      volumeBytes: 20 * 1024 * 1024,
      running: [{ name: 'web', stop: DEFAULT_STOP }],
      anyHealthcheck: false,
      healthySeconds: 5,
      measuredBytesPerSecond: null,
    });
    expect(assumed).toMatchObject({ basis: 'assumed', bytesPerSecond: ASSUMED_BYTES_PER_SECOND, transferMs: 1000 });
    const measured = estimateMigration({
      imageBytes: 0,
      volumeBytes: 20 * 1024 * 1024,
      running: [{ name: 'web', stop: DEFAULT_STOP }],
      anyHealthcheck: false,
      healthySeconds: 5,
      measuredBytesPerSecond: 40 * 1024 * 1024,
    });
    expect(measured).toMatchObject({ basis: 'measured', transferMs: 500 });
    // Downtime covers at least stopping, starting and the readiness wait.
    expect(assumed.downtimeMs).toBeGreaterThan(5_000);
  });

  it("counts each running container's whole stop timeout in the downtime, one after another", () => {
    const input = {
      imageBytes: 0,
      volumeBytes: 0,
      anyHealthcheck: false,
      healthySeconds: 5,
      measuredBytesPerSecond: null,
    };
    // 1 s for the stop requests, the stop wait, 500 ms listing for the verify, 1 s start, 5 s ready.
    const fixed = 1_000 + 500 + 1_000 + 5_000;
    const one = estimateMigration({ ...input, running: [{ name: 'web', stop: DEFAULT_STOP }] });
    expect(one).toMatchObject({ stopWaitMs: 10_000, downtimeMs: fixed + 10_000 });
    const two = estimateMigration({
      ...input,
      running: [
        { name: 'web', stop: { signal: 'SIGINT', timeoutSeconds: 7 } },
        { name: 'db', stop: { signal: 'SIGTERM', timeoutSeconds: 30 } },
      ],
    });
    expect(two).toMatchObject({ stopWaitMs: 37_000, downtimeMs: fixed + 37_000 });
    // SIGKILL as the stop signal ends the process at once; a negative StopTimeout has no bound.
    const killed = estimateMigration({
      ...input,
      running: [{ name: 'w', stop: { signal: 'SIGKILL', timeoutSeconds: 10 } }],
    });
    expect(killed).toMatchObject({ stopWaitMs: 0, downtimeMs: fixed });
    const unbounded = estimateMigration({
      ...input,
      running: [{ name: 'w', stop: { signal: 'SIGTERM', timeoutSeconds: null } }],
    });
    expect(unbounded).toMatchObject({ stopWaitMs: null, downtimeMs: fixed });
    // With volume data, the delta pass (5 % at the rate) and its hashing come on top.
    const withData = estimateMigration({
      ...input,
      volumeBytes: 400 * 1024 * 1024,
      running: [{ name: 'web', stop: DEFAULT_STOP }],
    });
    expect(withData.downtimeMs).toBe(Math.round(fixed + 10_000 + 1_000 + (20 / 150) * 1000));
  });

  it("reads the stop signal and timeout from the container's Config, with Docker's defaults", () => {
    expect(containerStop({})).toEqual({ signal: 'SIGTERM', timeoutSeconds: 10 });
    expect(containerStop({ StopSignal: 'SIGINT', StopTimeout: 7 })).toEqual({ signal: 'SIGINT', timeoutSeconds: 7 });
    expect(containerStop({ StopSignal: '', StopTimeout: null })).toEqual(DEFAULT_STOP);
    expect(containerStop({ StopTimeout: 0 })).toEqual({ signal: 'SIGTERM', timeoutSeconds: 0 });
    expect(containerStop({ StopTimeout: -1 })).toEqual({ signal: 'SIGTERM', timeoutSeconds: null });
  });

  it('counts no downtime when nothing runs', () => {
    expect(
      estimateMigration({
        imageBytes: 1,
        volumeBytes: 1,
        running: [],
        anyHealthcheck: true,
        healthySeconds: 5,
        measuredBytesPerSecond: null,
      }).downtimeMs,
    ).toBe(0);
  });
});

describe('cutover helpers', () => {
  const base = JSON.parse(
    readFileSync(new URL('./testdata/inspect-bridge-stopped.json', import.meta.url), 'utf8'),
  ) as InspectedContainer;
  const spec = (name: string, labels: Record<string, string>): ContainerSpec => {
    const info: InspectedContainer = { ...structuredClone(base), Name: `/${name}` };
    info.Config.Labels = labels;
    return { info, image: 'x', spec: recreateFromInspect(info, { image: 'x' }), running: true, hasHealthcheck: false };
  };

  it('starts compose services after the ones they depend on, others in name order', () => {
    const web = spec('shop-web-1', {
      'com.docker.compose.service': 'web',
      'com.docker.compose.depends_on': 'api:service_started:false,db:service_healthy:false',
    });
    const api = spec('shop-api-1', {
      'com.docker.compose.service': 'api',
      'com.docker.compose.depends_on': 'db:service_started:false',
    });
    const db = spec('shop-db-1', { 'com.docker.compose.service': 'db' });
    const lone = spec('a-lone', {});
    expect(startOrder([web, api, lone, db]).map((s) => s.spec.name)).toEqual([
      'a-lone',
      'shop-db-1',
      'shop-api-1',
      'shop-web-1',
    ]);
  });

  it("names a migrated source container after its target, within Docker's name rules", () => {
    expect(migratedName('web', 'eu-west.2')).toBe('web-migrated-to-eu-west.2');
    expect(migratedName('web', 'host one')).toBe('web-migrated-to-host-one');
  });
});

describe('crossdock migrate HOST/WHAT', () => {
  it('reads a container or a compose project', () => {
    expect(parseSource('web-1/shop')).toEqual({ host: 'web-1', container: 'shop' });
    expect(parseSource('web-1/project:shop')).toEqual({ host: 'web-1', project: 'shop' });
    for (const bad of ['shop', '/shop', 'web-1/'])
      expect(() => parseSource(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
