import { CrossdockError } from '../../../shared/index.js';
import { fromDockerApi } from '../containers/docker-api-errors.js';
import { setTimeout as delay } from 'node:timers/promises';
import { healthcheckPasses } from './healthcheck-probe.js';
import type { MigrationJournal, RestartPolicy } from './migration-journal.js';
import type { ContainerSpec } from './source-containers.js';
import type { TransferHost } from './transfer/index.js';

type Log = (line: string) => void;

/** Docker answers 304 when a container already is in the asked state. */
const alreadyThere = (error: unknown): boolean => (error as { statusCode?: number }).statusCode === 304;

/**
 * Compose's `com.docker.compose.depends_on` (`db:service_started:false,cache:…`) orders the
 * start; everything else starts in name order. A cycle (not possible from compose) falls back to
 * name order for what is left.
 */
export function startOrder(specs: ContainerSpec[]): ContainerSpec[] {
  const service = (s: ContainerSpec): string => s.spec.body.Labels?.['com.docker.compose.service'] ?? s.spec.name;
  const dependsOn = (s: ContainerSpec): string[] =>
    (s.spec.body.Labels?.['com.docker.compose.depends_on'] ?? '')
      .split(',')
      .map((d) => d.split(':')[0] ?? '')
      .filter(Boolean);
  const left = [...specs].sort((x, y) => x.spec.name.localeCompare(y.spec.name));
  const ordered: ContainerSpec[] = [];
  while (left.length > 0) {
    const startedServices = new Set(ordered.map(service));
    const pending = new Set(left.map(service));
    const next = left.findIndex((s) => dependsOn(s).every((d) => startedServices.has(d) || !pending.has(d)));
    ordered.push(...left.splice(next === -1 ? 0 : next, 1));
  }
  return ordered;
}

/** Stops the source's running containers (journaled first, so rollback knows to start them). */
export async function stopSource(
  source: TransferHost,
  specs: ContainerSpec[],
  journal: MigrationJournal,
  migrationId: string,
  log: Log,
): Promise<void> {
  for (const s of [...startOrder(specs)].reverse()) {
    if (!s.running) continue;
    journal.update(
      migrationId,
      (r) =>
        void (
          r.source.stopped.some((c) => c.id === s.info.Id) ||
          r.source.stopped.push({ id: s.info.Id, name: s.spec.name })
        ),
    );
    try {
      await source.docker.getContainer(s.info.Id).stop();
    } catch (error) {
      if (!alreadyThere(error)) throw fromDockerApi(error, `Container "${s.spec.name}"`, source.name);
    }
    log(`[stop-source] stopped ${s.spec.name} on ${source.name}`);
  }
}

/** Starts the copies that ran on the source, dependencies first. */
export async function startTarget(target: TransferHost, specs: ContainerSpec[], log: Log): Promise<void> {
  for (const s of startOrder(specs)) {
    if (!s.running) continue;
    try {
      await target.docker.getContainer(s.spec.name).start();
    } catch (error) {
      if (!alreadyThere(error)) throw fromDockerApi(error, `Container "${s.spec.name}"`, target.name);
    }
    log(`[start-target] started ${s.spec.name} on ${target.name}`);
  }
}

interface HealthState {
  Running: boolean;
  Status: string;
  ExitCode: number;
  StartedAt: string;
  Health?: { Status: string; Log?: { Output: string }[] } | undefined;
}

// How often a starting copy is looked at; the wait is downtime, so often.
const POLL_MS = 200;
// How often, at most, the migration runs a copy's healthcheck itself while Docker's says "starting".
const PROBE_EVERY_MS = 1_000;

/**
 * Waits until every started copy is ready: healthy by its healthcheck, or — without one —
 * running, unrestarted, for `healthySeconds`. Docker runs a first check only one interval after
 * the start, so the migration also runs the copy's healthcheck command itself (see
 * healthcheckPasses); its exit 0 counts as healthy, as Docker's first passing check would. A
 * copy that exits, restarts or turns unhealthy fails the wait (and so the migration, which then
 * rolls back).
 */
export async function waitReady(
  target: TransferHost,
  specs: ContainerSpec[],
  options: { healthySeconds: number; signal: AbortSignal; log: Log },
): Promise<void> {
  await Promise.all(specs.filter((s) => s.running).map((s) => waitOne(target, s, options)));
}

async function waitOne(
  target: TransferHost,
  s: ContainerSpec,
  { healthySeconds, signal, log }: { healthySeconds: number; signal: AbortSignal; log: Log },
): Promise<void> {
  const check = s.spec.body.Healthcheck;
  const ns = (v: number | undefined, fallback: number): number => (v && v > 0 ? v / 1e6 : fallback);
  // Long enough for the start period plus every allowed retry, with room for a slow first start.
  const limitMs = s.hasHealthcheck
    ? Math.max(60_000, 2 * (ns(check?.StartPeriod, 0) + ns(check?.Interval, 30_000) * ((check?.Retries ?? 3) + 1)))
    : healthySeconds * 1000 + 30_000;
  const started = Date.now();
  let firstStart: string | null = null;
  let runningSince: number | null = null;
  let probeDue = 0;
  const container = target.docker.getContainer(s.spec.name);
  for (;;) {
    // The check runs alongside the look at the container's state (one round trip fewer); its
    // pass counts only if that look finds the copy running as first started.
    const probe =
      check && s.hasHealthcheck && Date.now() >= probeDue
        ? healthcheckPasses(container, check, s.spec.body.User, signal)
        : null;
    const info = await container.inspect();
    const state = info.State as HealthState;
    if (!state.Running) {
      throw new CrossdockError(
        'CONTAINER_UNHEALTHY',
        `${s.spec.name} on ${target.name} stopped right after starting (${state.Status}, exit code ${state.ExitCode}); its log on ${target.name} says why`,
        { host: target.name, container: s.spec.name },
      );
    }
    firstStart ??= state.StartedAt;
    if (state.StartedAt !== firstStart || info.RestartCount > 0) {
      throw new CrossdockError(
        'CONTAINER_UNHEALTHY',
        `${s.spec.name} on ${target.name} restarted after starting; it is not healthy there`,
        { host: target.name, container: s.spec.name },
      );
    }
    if (s.hasHealthcheck) {
      const health = state.Health?.Status;
      if (health === 'healthy') {
        log(`[ready] ${s.spec.name} on ${target.name} is healthy`);
        return;
      }
      if (health === 'unhealthy') {
        const output = state.Health?.Log?.at(-1)?.Output.trim() ?? '';
        throw new CrossdockError(
          'CONTAINER_UNHEALTHY',
          `${s.spec.name} on ${target.name} is unhealthy${output ? `: ${output.slice(0, 300)}` : ''}`,
          { host: target.name, container: s.spec.name },
        );
      }
      if (probe) {
        if (await probe) {
          log(
            `[ready] ${s.spec.name} on ${target.name} passed its healthcheck (run by Crossdock right after the start; Docker's first check comes one interval later)`,
          );
          return;
        }
        probeDue = Date.now() + PROBE_EVERY_MS;
      }
    } else {
      runningSince ??= Date.now();
      if (Date.now() - runningSince >= healthySeconds * 1000) {
        log(`[ready] ${s.spec.name} on ${target.name} has been running for ${healthySeconds} s`);
        return;
      }
    }
    if (Date.now() - started > limitMs) {
      throw new CrossdockError(
        'TIMEOUT',
        `${s.spec.name} on ${target.name} did not become ${s.hasHealthcheck ? 'healthy' : 'steadily running'} within ${Math.round(limitMs / 1000)} s`,
        { host: target.name, container: s.spec.name },
      );
    }
    await delay(POLL_MS, undefined, { signal });
  }
}

/** The name a source container keeps after a migration: `web-migrated-to-host-2`. */
export function migratedName(name: string, targetHostName: string): string {
  return `${name}-migrated-to-${targetHostName}`.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 250);
}

/**
 * Docker cannot change a container's labels, so the source containers are marked by name: each
 * is renamed NAME-migrated-to-TARGET, and its restart policy set to "no" so a reboot of the
 * source (or a daemon restart) never starts it next to the copy. Both are journaled first; the
 * journal keeps the old policy. With `remove`, the containers are removed instead (their volumes
 * stay).
 */
export async function finishSource(
  source: TransferHost,
  specs: ContainerSpec[],
  options: { targetHostName: string; remove: boolean; journal: MigrationJournal; migrationId: string; log: Log },
): Promise<{ id: string; name: string; renamedTo: string | null }[]> {
  const { journal, migrationId, log } = options;
  const result: { id: string; name: string; renamedTo: string | null }[] = [];
  for (const s of specs) {
    const container = source.docker.getContainer(s.info.Id);
    try {
      if (options.remove) {
        journal.update(migrationId, (r) => void (r.source.removed = true));
        await container.remove({ v: false });
        log(`[finish-source] removed ${s.spec.name} from ${source.name} (its volumes stay)`);
        result.push({ id: s.info.Id, name: s.spec.name, renamedTo: null });
        continue;
      }
      const to = migratedName(s.spec.name, options.targetHostName);
      const policy = (s.info.HostConfig.RestartPolicy ?? { Name: 'no' }) as RestartPolicy;
      journal.update(migrationId, (r) => {
        if (!r.source.restartPolicies.some((p) => p.id === s.info.Id))
          r.source.restartPolicies.push({ id: s.info.Id, policy });
        if (!r.source.renamed.some((p) => p.id === s.info.Id))
          r.source.renamed.push({ id: s.info.Id, from: s.spec.name, to });
      });
      await container.update({ RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } });
      const current = (await container.inspect()).Name.replace(/^\//, '');
      if (current !== to) await container.rename({ name: to });
      log(
        `[finish-source] ${s.spec.name} on ${source.name} stays stopped as ${to} (restart policy "no"; it was "${policy.Name}")`,
      );
      result.push({ id: s.info.Id, name: s.spec.name, renamedTo: to });
    } catch (error) {
      throw fromDockerApi(error, `Container "${s.spec.name}"`, source.name);
    }
  }
  return result;
}
