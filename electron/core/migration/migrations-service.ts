import { randomUUID } from 'node:crypto';
import {
  CrossdockError,
  type CrossdockApi,
  type CrossdockEvents,
  type MigrationRecord,
  type MigrationSource,
  type ServerImpl,
} from '../../../shared/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory } from '../hosts/inventory.js';
import type { JobRegistry } from '../jobs/registry.js';
import { portTargetFor } from '../ports/port-target.js';
import { processAlive } from '../process/process-alive.js';
import { MigrationJournal, type MigrationJournalRecord } from './migration-journal.js';
import { migrationJob, rollbackJob, type MigrationDeps } from './migration-job.js';
import { planMigration } from './plan.js';
import type { SourceRef } from './source-containers.js';
import { transferHostFor } from './transfer/index.js';

export interface MigrationsServiceDeps {
  dataDir: string;
  inventory: HostInventory;
  runtime: HostRuntime;
  jobs: JobRegistry;
  events: EventHub<CrossdockEvents>;
}

const DEFAULT_HEALTHY_SECONDS = 5;
const UNFINISHED = new Set(['planned', 'running', 'rolling-back']);

function sourceRef(source: MigrationSource): SourceRef {
  return 'container' in source
    ? { kind: 'container', name: source.container }
    : { kind: 'project', name: source.project };
}

function describeSource(record: MigrationJournalRecord): string {
  const { hostName, kind, name } = record.request.source;
  return kind === 'project' ? `${hostName}/project:${name}` : `${hostName}/${name}`;
}

function toRecord(r: MigrationJournalRecord): MigrationRecord {
  return {
    id: r.id,
    jobId: r.jobId,
    state: r.state,
    source: describeSource(r),
    target: r.request.target.hostName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    step: r.steps.at(-1)?.name ?? null,
    steps: r.steps,
    error: r.error,
    outcome: r.outcome,
    canResume: r.state === 'interrupted',
    canRollback: r.state === 'interrupted' || r.state === 'failed',
  };
}

/** The migrations API: plan, start (a job), and the journal's records with resume and roll back. */
export function migrationsService(deps: MigrationsServiceDeps): ServerImpl<CrossdockApi>['migrations'] {
  const journal = new MigrationJournal(deps.dataDir);
  const active = new Set<string>();

  /**
   * A migration the journal says is under way, but that no live process runs, was cut off (the
   * app crashed or was killed): it is recorded as interrupted, durably, so resume and roll back
   * are offered. One run by another live Crossdock process (a CLI) is left alone.
   */
  const settle = (record: MigrationJournalRecord): MigrationJournalRecord => {
    if (!UNFINISHED.has(record.state) || active.has(record.id)) return record;
    if (record.pid !== process.pid && processAlive(record.pid)) return record;
    return journal.update(record.id, (r) => void (r.state = 'interrupted'));
  };
  for (const record of journal.list()) settle(record);

  const measuredRate = (sourceHostId: string, targetHostId: string): number | null =>
    journal
      .list()
      .find(
        (r) =>
          r.state === 'completed' &&
          r.request.source.hostId === sourceHostId &&
          r.request.target.hostId === targetHostId &&
          r.transferBytesPerSecond,
      )?.transferBytesPerSecond ?? null;

  const jobDeps: MigrationDeps = {
    runtime: deps.runtime,
    inventory: deps.inventory,
    journal,
    events: deps.events,
    active,
    measuredRate,
  };

  const claim = (id: string, allowed: MigrationRecord['state'][], what: string): MigrationJournalRecord => {
    const record = settle(journal.read(id));
    if (active.has(id) || (UNFINISHED.has(record.state) && record.pid !== process.pid && processAlive(record.pid))) {
      throw new CrossdockError(
        'ALREADY_RUNNING',
        `Migration ${id} is running (process ${record.pid}); wait for it or cancel its job`,
        { migrationId: id },
      );
    }
    if (!allowed.includes(record.state)) {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        `Migration ${id} is ${record.state}; only ${allowed.join(' or ')} migrations can be ${what}`,
        { migrationId: id, state: record.state },
      );
    }
    active.add(id);
    return record;
  };

  return {
    plan: async ({ source, target, forceRelay }, ctx) => {
      const sourceHost = deps.inventory.find(source.host);
      const targetHost = deps.inventory.find(target);
      const [sourceEnd, targetEnd, targetPorts] = await Promise.all([
        transferHostFor(deps.runtime, sourceHost, ctx.signal),
        transferHostFor(deps.runtime, targetHost, ctx.signal),
        portTargetFor(deps.runtime, targetHost, ctx.signal),
      ]);
      const { plan } = await planMigration({
        source: sourceEnd,
        target: targetEnd,
        targetPorts,
        sourceRef: sourceRef(source),
        migrationId: `plan-${randomUUID()}`,
        forceRelay: forceRelay === true,
        healthySeconds: DEFAULT_HEALTHY_SECONDS,
        measuredBytesPerSecond: measuredRate(sourceHost.id, targetHost.id),
        signal: ctx.signal,
      });
      return plan;
    },
    start: async ({ source, target, forceRelay, removeSource, healthySeconds }) => {
      const sourceHost = deps.inventory.find(source.host);
      const targetHost = deps.inventory.find(target);
      const ref = sourceRef(source);
      const what = ref.kind === 'project' ? `project ${ref.name}` : ref.name;
      // One migration at a time per source: an unfinished one owns the source's state (stopped, renamed) and its leftovers.
      const open = journal
        .list()
        .map(settle)
        .find(
          (r) =>
            ['planned', 'running', 'rolling-back', 'interrupted', 'failed'].includes(r.state) &&
            r.request.source.hostId === sourceHost.id &&
            r.request.source.kind === ref.kind &&
            r.request.source.name === ref.name,
        );
      if (open) {
        // Still under way: the client follows it. Left interrupted or failed: the user decides first.
        const code = ['interrupted', 'failed'].includes(open.state) ? 'FAILED_PRECONDITION' : 'ALREADY_RUNNING';
        throw new CrossdockError(
          code,
          `Migration ${open.id} of ${what} on ${sourceHost.name} is ${open.state}; ${open.state === 'interrupted' ? 'resume or roll it back' : open.state === 'failed' ? 'roll it back' : 'wait for it'} first ("crossdock migrate ls")`,
          {
            migrationId: open.id,
            state: open.state,
          },
        );
      }
      return deps.jobs.start(
        'migration',
        `Migrate ${what} from ${sourceHost.name} to ${targetHost.name}`,
        migrationJob(jobDeps, {
          request: {
            source: ref,
            sourceHost,
            targetHost,
            forceRelay: forceRelay === true,
            removeSource: removeSource === true,
            healthySeconds: healthySeconds ?? DEFAULT_HEALTHY_SECONDS,
          },
        }),
      );
    },
    list: async () => journal.list().map((r) => toRecord(settle(r))),
    get: async ({ id }) => toRecord(settle(journal.read(id))),
    resume: async ({ id }) => {
      const record = claim(id, ['interrupted'], 'resumed');
      try {
        return deps.jobs.start(
          'migration',
          `Resume migration of ${describeSource(record)} to ${record.request.target.hostName}`,
          migrationJob(jobDeps, { resumeId: id }),
        );
      } catch (error) {
        active.delete(id);
        throw error;
      }
    },
    rollback: async ({ id }) => {
      const record = claim(id, ['interrupted', 'failed'], 'rolled back');
      try {
        return deps.jobs.start(
          'migration-rollback',
          `Roll back migration of ${describeSource(record)} to ${record.request.target.hostName}`,
          rollbackJob(jobDeps, id),
        );
      } catch (error) {
        active.delete(id);
        throw error;
      }
    },
  };
}
