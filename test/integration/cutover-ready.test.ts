// The cutover's wait for a started copy, on containers of the local Docker engine whose
// healthchecks run only once a minute: the migration runs the check itself right after the
// start (as the container's user), so a copy is ready while Docker still says "starting"; a
// check that fails keeps it waiting; a copy that exits fails the wait.
import { execFileSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitReady } from '../../electron/core/migration/cutover.js';
import { containerSpecs, inspectContainer } from '../../electron/core/migration/source-containers.js';
import type { TransferHost } from '../../electron/core/migration/transfer/index.js';
import { localTransferHost, type LocalTransferHost } from './local-transfer-host.js';

const run = Date.now().toString(36);
const containers: string[] = [];
let engine: LocalTransferHost | undefined;
let local: TransferHost;

const sh = (script: string): string => execFileSync('sh', ['-c', script], { encoding: 'utf8' });

/** Starts a debian:12 container with a healthcheck Docker runs only after a minute; its name. */
function container(suffix: string, options: string): string {
  const name = `cutover-ready-${suffix}-${run}`;
  containers.push(name);
  sh(`docker run -d --name ${name} --health-interval 60s --health-retries 1 ${options} debian:12 sleep 600 >/dev/null`);
  return name;
}

async function specsOf(name: string): Promise<Awaited<ReturnType<typeof containerSpecs>>> {
  return containerSpecs(local, [await inspectContainer(local, name)], `test-${run}`);
}

const health = (name: string): string => sh(`docker inspect -f '{{.State.Health.Status}}' ${name}`).trim();

beforeAll(async () => {
  engine = await localTransferHost();
  local = engine.host;
});

afterAll(async () => {
  if (containers.length > 0) sh(`docker rm -f ${containers.join(' ')} >/dev/null 2>&1 || true`);
  await engine?.dispose();
});

describe('waiting for a started copy to be ready', () => {
  it("is ready when its healthcheck passes run by Crossdock, as the container's user, before Docker's first check", async () => {
    // Passes only when run as nobody (uid 65534), the container's user.
    const name = container('user', `--user 65534 --health-cmd '[ "$(id -u)" = 65534 ]'`);
    const lines: string[] = [];
    await waitReady(local, await specsOf(name), {
      healthySeconds: 30,
      signal: new AbortController().signal,
      log: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toContain(`[ready] ${name} on laptop passed its healthcheck (run by Crossdock`);
    expect(health(name)).toBe('starting');
  });

  it('keeps waiting while the check fails, and is ready once it passes', async () => {
    const name = container('later', `--health-cmd 'test -f /tmp/ready'`);
    const lines: string[] = [];
    let ready = false;
    const waiting = waitReady(local, await specsOf(name), {
      healthySeconds: 30,
      signal: new AbortController().signal,
      log: (l) => lines.push(l),
    }).then(() => (ready = true));
    await delay(2_500);
    expect(ready).toBe(false);
    sh(`docker exec ${name} touch /tmp/ready`);
    await waiting;
    expect(lines.join('\n')).toContain('passed its healthcheck (run by Crossdock');
    expect(health(name)).toBe('starting');
  });

  it('fails the wait when the copy exits instead of becoming healthy', async () => {
    const name = container('exits', `--health-cmd 'test -f /tmp/never'`);
    const specs = await specsOf(name);
    const waiting = waitReady(local, specs, {
      healthySeconds: 30,
      signal: new AbortController().signal,
      log: () => undefined,
    });
    await delay(500);
    sh(`docker kill ${name} >/dev/null`);
    await expect(waiting).rejects.toMatchObject({
      code: 'CONTAINER_UNHEALTHY',
      message: expect.stringContaining(`${name} on laptop stopped right after starting`),
      details: { host: 'laptop', container: name },
    });
  });
});
