import { toWireError, type CrossdockEvents, type MigrationOutcome } from '../../../shared/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory, StoredHost } from '../hosts/inventory.js';
import type { JobContext, JobRunner } from '../jobs/registry.js';
import type { MigrationJournal, MigrationJournalRecord } from './migration-journal.js';
import { needed, type MigrationRun, type MigrationStepId } from './migration-run.js';
import { MIGRATION_STEPS } from './migration-steps.js';
import { rollbackMigration, type RollbackEnds } from './rollback.js';
import { completeAfterRemoval } from './resume.js';
import type { SourceRef } from './source-containers.js';
import { runStepTable, type StepSinks } from './step-runner.js';
import { transferHostFor, type TransferHost } from './transfer/index.js';

export interface MigrationDeps {
  runtime: HostRuntime;
  inventory: HostInventory;
  journal: MigrationJournal;
  events: EventHub<CrossdockEvents>;
  /** Migrations running in this process right now (ids). */
  active: Set<string>;
  /** Bytes per second of the last migration between two hosts, if one was measured. */
  measuredRate: (sourceHostId: string, targetHostId: string) => number | null;
}

export interface MigrationRequest {
  source: SourceRef;
  sourceHost: StoredHost;
  targetHost: StoredHost;
  forceRelay: boolean;
  removeSource: boolean;
  healthySeconds: number;
}

/** The ends of a migration as transfer hosts, made on first need and again after a failure. */
function lazyEnds(runtime: HostRuntime, sourceHost: StoredHost, targetHost: StoredHost): RollbackEnds {
  const lazy = (host: StoredHost): (() => Promise<TransferHost>) => {
    let made: Promise<TransferHost> | null = null;
    return () => {
      made ??= transferHostFor(runtime, host).catch((error: unknown) => {
        made = null;
        throw error;
      });
      return made;
    };
  };
  return { source: lazy(sourceHost), target: lazy(targetHost) };
}

/** Every step is journaled before and after it runs, and moves the job to its declared place. */
function journalSinks(
  journal: MigrationJournal,
  id: string,
  job: JobContext<MigrationStepId>,
): StepSinks<MigrationStepId> {
  return {
    begin: (step) => {
      job.step(step);
      journal.beginStep(id, step);
    },
    done: (step, detail) => void journal.endStep(id, step, 'done', detail),
    failed: (step, error) =>
      void journal.endStep(id, step, 'failed', toWireError(error, `Migration step ${step}`).message),
  };
}

function newRecord(journal: MigrationJournal, id: string, request: MigrationRequest): MigrationJournalRecord {
  return journal.create({
    id,
    jobId: id,
    pid: process.pid,
    state: 'planned',
    request: {
      source: {
        hostId: request.sourceHost.id,
        hostName: request.sourceHost.name,
        kind: request.source.kind,
        name: request.source.name,
      },
      target: { hostId: request.targetHost.id, hostName: request.targetHost.name },
      forceRelay: request.forceRelay,
      removeSource: request.removeSource,
      healthySeconds: request.healthySeconds,
    },
    plan: null,
  });
}

function outcomeOf(run: MigrationRun, began: number): MigrationOutcome {
  const final = run.deps.journal.read(run.id);
  const { stoppedAt, readyAt } = final.cutover;
  const route = needed(run.route, 'the route');
  return {
    id: run.id,
    plan: needed(run.plan, 'the plan'),
    bytes: { ...final.bytes },
    downtimeMs: stoppedAt && readyAt ? Date.parse(readyAt) - Date.parse(stoppedAt) : 0,
    durationMs: Date.now() - began,
    manifest: needed(run.manifest, 'the verified manifest'),
    route: { kind: route.kind, reason: route.reason },
    containers: run.created,
    source: { containers: run.sourceContainers, removed: run.settings.removeSource },
  };
}

/**
 * The migration job, for a new migration (`request`) or to resume an interrupted one (`resumeId`):
 * the steps of MIGRATION_STEPS in order. Any failure before the copies are ready rolls back (the
 * source runs again, the target loses what the migration made) and the job fails with the
 * original error.
 */
export function migrationJob(
  deps: MigrationDeps,
  start: { request: MigrationRequest } | { resumeId: string },
): JobRunner<'migration'> {
  return async (job) => {
    const { journal } = deps;
    const began = Date.now();
    const log = (line: string): void => job.log(line);
    const request = 'request' in start ? start.request : null;
    const record =
      'request' in start
        ? newRecord(journal, job.id, start.request)
        : journal.update(start.resumeId, (r) =>
            Object.assign(r, { jobId: job.id, pid: process.pid, state: 'running', error: null }),
          );
    const { id } = record;
    const sourceHost = deps.inventory.find(record.request.source.hostId);
    const targetHost = deps.inventory.find(record.request.target.hostId);
    const ends = lazyEnds(deps.runtime, sourceHost, targetHost);
    const sinks = journalSinks(journal, id, job);
    deps.active.add(id);

    let run: MigrationRun | null = null;
    try {
      const source = await ends.source();
      const target = await ends.target();
      run = {
        id,
        job,
        deps,
        request,
        settings: record.request,
        sourceHost,
        targetHost,
        source,
        target,
        log,
        changedAnything: request === null,
        plan: record.plan,
        specs: [],
        route: null,
        volumes: [],
        dirs: new Map(),
        transferStarted: null,
        images: null,
        bulkBytes: 0,
        dataMoved: new Map(),
        snapshots: new Map(),
        created: [],
        sourceNow: new Map(),
        manifest: null,
        sourceContainers: [],
      };

      if (!request && record.source.removed) {
        // Cut off while removing the source: the copies are all there is; finish, never roll back.
        const finished: { outcome: MigrationOutcome | null } = { outcome: null };
        const finishRemoval = async (): Promise<null> => {
          finished.outcome = await completeAfterRemoval(source, target, record, began, journal, log);
          return null;
        };
        await runStepTable([{ id: 'finish-source', run: finishRemoval }], run, sinks, job.signal);
        return needed(finished.outcome, 'the outcome');
      }

      await runStepTable(MIGRATION_STEPS, run, sinks, job.signal);
      const outcome = outcomeOf(run, began);
      journal.update(id, (r) => Object.assign(r, { state: 'completed', outcome, error: null }));
      log(
        `[done] ${outcome.containers.map((c) => c.name).join(', ')} run on ${target.name}; downtime ${outcome.downtimeMs} ms; ${outcome.manifest.files} paths verified`,
      );
      return outcome;
    } catch (error) {
      await rollBackAfter(error, {
        run,
        record,
        changedAnything: run?.changedAnything ?? request === null,
        ends,
        journal,
        log,
      });
      throw error;
    } finally {
      await run?.route?.close().catch(() => undefined);
      deps.active.delete(id);
    }
  };
}

/** After a failure: nothing to undo when refused at the plan; otherwise the journal's rollback. */
async function rollBackAfter(
  error: unknown,
  {
    run,
    record,
    changedAnything,
    ends,
    journal,
    log,
  }: {
    run: MigrationRun | null;
    record: MigrationJournalRecord;
    changedAnything: boolean;
    ends: RollbackEnds;
    journal: MigrationJournal;
    log: (line: string) => void;
  },
): Promise<void> {
  const { id } = record;
  const wire = toWireError(error, `Migration ${id}`);
  if (!changedAnything) {
    // Refused at the plan: nothing was changed on either host.
    journal.update(id, (r) => Object.assign(r, { state: 'failed-rolled-back', error: wire }));
    return;
  }
  log(
    `[rollback] the migration failed (${wire.message}); restarting the source and cleaning ${record.request.target.hostName}`,
  );
  await run?.route?.close().catch(() => undefined);
  const current = journal.update(id, (r) => Object.assign(r, { state: 'rolling-back', error: wire }));
  try {
    await rollbackMigration(current, ends, { log });
    journal.update(id, (r) => void (r.state = 'failed-rolled-back'));
    log('[rollback] done: the source runs as before, nothing of the migration is left on the target');
  } catch (rollbackError) {
    const left = toWireError(rollbackError, `Rollback of migration ${id}`);
    journal.update(id, (r) =>
      Object.assign(r, { state: 'failed', error: { ...wire, message: `${wire.message}. ${left.message}` } }),
    );
    log(`[rollback] ${left.message}`);
  }
}

/** Rolls back an interrupted or failed migration from its journal record. */
export function rollbackJob(deps: MigrationDeps, id: string): JobRunner<'migration-rollback'> {
  return async (job) => {
    const { journal } = deps;
    const record = journal.update(id, (r) =>
      Object.assign(r, { jobId: job.id, pid: process.pid, state: 'rolling-back' }),
    );
    deps.active.add(id);
    try {
      const ends = lazyEnds(
        deps.runtime,
        deps.inventory.find(record.request.source.hostId),
        deps.inventory.find(record.request.target.hostId),
      );
      job.step('rollback');
      journal.beginStep(id, 'rollback');
      await rollbackMigration(record, ends, { log: (line) => job.log(line) });
      journal.endStep(id, 'rollback', 'done', null);
      journal.update(id, (r) => void (r.state = 'failed-rolled-back'));
      job.log('[rollback] done: the source runs as before, nothing of the migration is left on the target');
      return { id, state: 'failed-rolled-back' };
    } catch (error) {
      journal.endStep(id, 'rollback', 'failed', toWireError(error, 'Rollback').message);
      journal.update(id, (r) =>
        Object.assign(r, { state: 'failed', error: toWireError(error, `Rollback of migration ${id}`) }),
      );
      throw error;
    } finally {
      deps.active.delete(id);
    }
  };
}
