import type Dockerode from 'dockerode';
import { CrossdockError } from '../../../../shared/index.js';
import type { DependencyCondition, HealthSpec } from '../compose/compose-model.js';

const POLL_MS = 500;
const DEFAULT_LIMIT_MS = 5 * 60_000;

/**
 * Waits until a dependency meets its depends_on condition: running, healthy, or exited 0. The
 * limit follows the healthcheck's own times (start period + retries × (interval + timeout)),
 * with a floor of 5 minutes, so a slow but progressing start is not cut short.
 */
export async function waitForCondition(
  container: Dockerode.Container,
  what: { service: string; host: string; condition: DependencyCondition; health: HealthSpec | null },
  signal: AbortSignal,
): Promise<void> {
  if (what.condition === 'service_started') return;
  const limitMs = Math.max(DEFAULT_LIMIT_MS, healthBudgetMs(what.health));
  const deadline = Date.now() + limitMs;
  for (;;) {
    signal.throwIfAborted();
    const info = await container.inspect({ abortSignal: signal });
    const state = info.State;
    if (what.condition === 'service_completed_successfully') {
      if (state.Status === 'exited' || state.Status === 'dead') {
        if (state.ExitCode === 0) return;
        throw new CrossdockError(
          'CONTAINER_UNHEALTHY',
          `Service ${what.service} on ${what.host} exited with code ${state.ExitCode}, but a service depends on it completing successfully; see "crossdock logs ${what.host}/${containerName(info.Name)}"`,
          { host: what.host, service: what.service, container: containerName(info.Name) },
        );
      }
    } else {
      const health = state.Health?.Status;
      if (health === undefined) {
        throw new CrossdockError(
          'FAILED_PRECONDITION',
          `Service ${what.service} has no healthcheck, but a service depends on it being healthy: add a healthcheck or use condition: service_started`,
          { host: what.host, service: what.service },
        );
      }
      if (health === 'healthy') return;
      if (health === 'unhealthy' || (!state.Running && !state.Restarting)) {
        throw new CrossdockError(
          'CONTAINER_UNHEALTHY',
          `Service ${what.service} on ${what.host} is ${health === 'unhealthy' ? 'unhealthy' : 'not running'}, and a service depends on it being healthy; see "crossdock logs ${what.host}/${containerName(info.Name)}"`,
          { host: what.host, service: what.service, container: containerName(info.Name) },
        );
      }
    }
    if (Date.now() > deadline) {
      throw new CrossdockError(
        'TIMEOUT',
        `Service ${what.service} on ${what.host} did not become ${what.condition === 'service_healthy' ? 'healthy' : 'complete'} within ${Math.round(limitMs / 1000)} s`,
        { host: what.host, service: what.service },
      );
    }
    await sleep(POLL_MS, signal);
  }
}

function healthBudgetMs(health: HealthSpec | null): number {
  if (!health) return 0;
  const ns = (health.startPeriod ?? 0) + (health.retries ?? 3) * ((health.interval ?? 30e9) + (health.timeout ?? 30e9));
  return ns / 1e6;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new CrossdockError('CANCELLED', 'Cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Docker's inspect names a container with a leading slash; people and `crossdock logs` do not. */
function containerName(inspected: string): string {
  return inspected.replace(/^\//, '');
}
