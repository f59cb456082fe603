import { CrossdockError, toWireError, type CrossdockEvents, type ManifestCheck, type MigrationOutcome } from '../../../shared/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory, StoredHost } from '../hosts/inventory.js';
import type { JobContext } from '../jobs/registry.js';
import { portTargetFor } from '../ports/port-target.js';
import { finishSource, startTarget, stopSource, waitReady } from './cutover.js';
import type { MigrationJournal, MigrationJournalRecord } from './migration-journal.js';
import { planMigration } from './plan.js';
import { formatBytes } from './format-bytes.js';
import { ProgressMeter } from './progress-meter.js';
import { allOrAbort } from './all-or-abort.js';
import { rollbackMigration, type RollbackEnds } from './rollback.js';
import { completeAfterRemoval, resumeSpecs } from './resume.js';
import type { ContainerSpec, SourceRef } from './source-containers.js';
import { createContainers, createNetworks } from './target-setup.js';
import {
  compareManifests,
  copyVolume,
  currentManifest,
  openRoute,
  sendImages,
  snapshotManifests,
  transferHostFor,
  type DirectoryInodes,
  type ManifestSnapshots,
  type Route,
  type SendImagesResult,
  type TransferHost,
} from './transfer/index.js';

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

/** Where each step's share of the job's progress starts; the data passes share 0.08–0.70 by bytes. */
const FRACTION = { plan: 0.01, route: 0.06, networks: 0.07, data: 0.08, checksums: 0.7, create: 0.74, catchUp: 0.76, stop: 0.78, delta: 0.8, verify: 0.85, start: 0.9, ready: 0.92, finish: 0.98 } as const;

/** The ends of a migration as transfer hosts, made on first need and again after a failure. */
function lazyEnds(runtime: HostRuntime, aHost: StoredHost, bHost: StoredHost): RollbackEnds {
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
  return { source: lazy(aHost), target: lazy(bHost) };
}

/**
 * The migration job, for a new migration (`request`) or to resume an interrupted one (`resumeId`).
 * Every step is journaled before and after it runs; any failure before the copies are ready rolls
 * back (the source runs again, the target loses what the migration made) and the job fails with
 * the original error.
 */
export function migrationJob(deps: MigrationDeps, start: { request: MigrationRequest } | { resumeId: string }) {
  return async (job: JobContext): Promise<MigrationOutcome> => {
    const { journal } = deps;
    const began = Date.now();
    const log = (line: string): void => job.log(line);
    let record: MigrationJournalRecord;
    if ('request' in start) {
      const { request } = start;
      record = journal.create({
        id: job.id,
        jobId: job.id,
        pid: process.pid,
        state: 'planned',
        request: {
          source: { hostId: request.sourceHost.id, hostName: request.sourceHost.name, kind: request.source.kind, name: request.source.name },
          target: { hostId: request.targetHost.id, hostName: request.targetHost.name },
          forceRelay: request.forceRelay,
          removeSource: request.removeSource,
          healthySeconds: request.healthySeconds,
        },
        plan: null,
      });
    } else {
      record = journal.update(start.resumeId, (r) => Object.assign(r, { jobId: job.id, pid: process.pid, state: 'running', error: null }));
    }
    const id = record.id;
    const req = record.request;
    const aHost = deps.inventory.find(req.source.hostId);
    const bHost = deps.inventory.find(req.target.hostId);
    const ends = lazyEnds(deps.runtime, aHost, bHost);
    deps.active.add(id);

    let changedAnything = 'resumeId' in start;
    let route: Route | null = null;
    const step = async <T>(name: string, fraction: number, work: () => Promise<T>, detail?: (result: T) => string): Promise<T> => {
      job.progress(fraction, name);
      journal.beginStep(id, name);
      try {
        const result = await work();
        journal.endStep(id, name, 'done', detail ? detail(result) : null);
        return result;
      } catch (error) {
        journal.endStep(id, name, 'failed', toWireError(error, `Migration step ${name}`).message);
        throw error;
      }
    };

    try {
      const a = await ends.source();
      const b = await ends.target();

      // Plan (a new migration) or pick up the plan and the source's state (a resumed one).
      let specs: ContainerSpec[];
      if ('request' in start) {
        const planned = await step('plan', FRACTION.plan, async () =>
          planMigration({
            a,
            b,
            bPorts: await portTargetFor(deps.runtime, bHost, job.signal),
            source: start.request.source,
            migrationId: id,
            forceRelay: req.forceRelay,
            healthySeconds: req.healthySeconds,
            measuredBytesPerSecond: deps.measuredRate(aHost.id, bHost.id),
            signal: job.signal,
          }),
        );
        record = journal.update(id, (r) => Object.assign(r, { plan: planned.plan }));
        const { plan } = planned;
        log(`[plan] ${plan.containers.map((c) => c.name).join(', ')} from ${a.name} to ${b.name}: images ${plan.images.length} (${formatBytes(plan.imageBytesToSend)} to send), volumes ${plan.volumes.length} (${formatBytes(plan.volumeBytes)}), route ${plan.route.kind} (${plan.route.reason})`);
        for (const warning of plan.warnings) log(`[plan] note: ${warning}`);
        const blocker = plan.blockers[0];
        if (blocker) {
          for (const other of plan.blockers.slice(1)) log(`[plan] also: ${other.message}`);
          throw CrossdockError.fromWire(blocker);
        }
        specs = planned.specs;
        record = journal.update(id, (r) => void (r.state = 'running'));
      } else if (record.source.removed) {
        // Cut off while removing the source: the copies are all there is; finish, never roll back.
        return await step('finish-source', FRACTION.finish, () => completeAfterRemoval(a, b, record, began, journal, log));
      } else {
        specs = await step('plan', FRACTION.plan, () => resumeSpecs(a, b, record, job.signal, log));
      }
      changedAnything = true;
      const plan = record.plan as NonNullable<MigrationJournalRecord['plan']>;

      route = await step('route', FRACTION.route, () => openRoute(a, b, { migrationId: id, forceRelay: req.forceRelay, signal: job.signal }), (r) => `${r.kind}: ${r.reason}`);
      const opened = route;
      journal.update(id, (r) => void (r.route = { kind: opened.kind, reason: opened.reason }));
      log(`[route] ${opened.kind}: ${opened.reason}`);

      const volumes = [...new Set(specs.flatMap((s) => s.spec.volumes))];
      await step('networks', FRACTION.networks, () => createNetworks(a, b, specs, journal, id, log), (made) => (made.length ? `created ${made.join(', ')}` : 'none needed'));

      const meterFor = (name: string, onStepBytes?: (bytes: number) => void): ProgressMeter =>
        new ProgressMeter(name, { migrationId: id, jobId: job.id, emit: (p) => deps.events.emit('migrations.progress', p), log, onStepBytes });
      // Bytes move the job's fraction through the images step and the bulk pass only (they run at
      // once); the later passes are small and have their own places in it.
      const dataBytes = Math.max(1, plan.imageBytesToSend + plan.volumeBytes);
      const dataMoved = new Map<string, number>();
      const dataMeter = (name: 'images' | 'volumes-bulk'): ProgressMeter =>
        meterFor(name, (bytes) => {
          dataMoved.set(name, bytes);
          const moved = [...dataMoved.values()].reduce((sum, n) => sum + n, 0);
          job.progress(FRACTION.data + (FRACTION.checksums - FRACTION.data) * Math.min(1, moved / dataBytes));
        });

      // The data passes while the source runs: the images and a bulk copy of every volume, at the
      // same time (two streams over the route), so that one's slow end (`docker load` on B, a
      // volume of many small files) does not hold up the other. A failure of one cancels the other.
      const transferStarted = Date.now();
      // A's directories per volume as the last pass saw them: the next pass finds moved ones by
      // them. In memory only: a resumed migration starts again with a bulk pass.
      const dirs = new Map<string, DirectoryInodes>();
      const refs = [...new Set(specs.map((s) => s.image))];
      const [images, bulkBytes] = await allOrAbort<[SendImagesResult, number]>(job.signal, [
        (signal) =>
          step('images', FRACTION.data, async () => {
            const sent = await sendImages(opened, refs, { signal, onProgress: dataMeter('images').update, log });
            journal.update(id, (r) => void (r.bytes.images += sent.bytes));
            return sent;
          }, (r) => `sent ${r.sent.length} (${r.bytes} bytes, ${r.layersSkipped} layer(s) ${b.name} held left out), skipped ${r.skipped.length}`),
        (signal) =>
          step('volumes-bulk', FRACTION.data, async () => {
            const meter = dataMeter('volumes-bulk');
            let bytes = 0;
            for (const volume of volumes) {
              journal.update(id, (r) => void (r.created.volumes.includes(volume) || r.created.volumes.push(volume)));
              const copied = await copyVolume(opened, volume, 'bulk', { signal, onProgress: meter.update, log });
              bytes += copied.bytes;
              journal.update(id, (r) => Object.assign(r.markers, { [volume]: copied.marker }));
              dirs.set(volume, copied.dirs);
              log(`[volumes-bulk] ${volume}: ${formatBytes(copied.bytes)} copied`);
            }
            journal.update(id, (r) => void (r.bytes.volumes += bytes));
            return bytes;
          }, (bytes) => `${bytes} bytes`),
      ]);
      journal.update(id, (r) => void (r.transferBytesPerSecond = Math.round((images.bytes + bulkBytes) / Math.max(0.001, (Date.now() - transferStarted) / 1000))));

      // Both ends' manifests while the source still runs: after the stop, the verify hashes again
      // only what changed since (on A what the app wrote last, on B what the delta pass wrote).
      const snapshots = await step('checksums', FRACTION.checksums, async () => {
        const taken = new Map<string, ManifestSnapshots>();
        for (const volume of volumes) taken.set(volume, await snapshotManifests(a, b, volume, { signal: job.signal, log }));
        return taken;
      }, (taken) => `${[...taken.values()].reduce((sum, s) => sum + s.source.manifest.size, 0)} paths hashed on both hosts`);

      const created = await step('create', FRACTION.create, () => createContainers(b, specs, journal, id, log), (made) => made.map((c) => c.name).join(', '));

      // Copies what changed in every volume since the last pass's marker, as one step, and keeps
      // the marker it hands back (a new one while the source runs) for the next pass.
      const changesPass = async (name: 'volumes-catchup' | 'volumes-delta', fraction: number, whileRunning: boolean): Promise<void> => {
        const meter = meterFor(name);
        const passBytes = await step(name, fraction, async () => {
          let bytes = 0;
          const markers = journal.read(id).markers;
          for (const volume of volumes) {
            const copied = await copyVolume(opened, volume, 'delta', { signal: job.signal, onProgress: meter.update, log, marker: markers[volume], dirs: dirs.get(volume), running: whileRunning });
            bytes += copied.bytes;
            dirs.set(volume, copied.dirs);
            journal.update(id, (r) => Object.assign(r.markers, { [volume]: copied.marker }));
            log(`[${name}] ${volume}: ${formatBytes(copied.bytes)} copied, ${copied.deleted ?? 0} deleted on ${b.name}`);
          }
          return bytes;
        }, (bytes) => `${bytes} bytes`);
        journal.update(id, (r) => void (r.bytes.volumes += passBytes));
      };
      // A last pass while the source still runs, right before the stop: it carries what was written
      // during the bulk pass and the steps since, so the delta pass after the stop (downtime) carries
      // only what changed in these last moments.
      const running = specs.some((s) => s.running);
      if (running) await changesPass('volumes-catchup', FRACTION.catchUp, true);

      // Cutover: from here the source is stopped until the copies are ready (or rollback restarts it).
      // Downtime counts from the stop request: a container may stop serving as soon as it gets SIGTERM.
      if (running) record = journal.update(id, (r) => void (r.cutover.stoppedAt ??= new Date().toISOString()));
      await step('stop-source', FRACTION.stop, () => stopSource(a, specs, journal, id, log));

      // With its containers stopped, nothing writes A's volumes any more: A's side of the verify
      // runs during the delta pass (which only reads them), taking it out of the downtime.
      const sourceNow = new Map(volumes.map((volume) => [volume, currentManifest(a, volume, snapshots.get(volume)?.source, job.signal)]));
      // A failed delta pass ends the job before the verify awaits these.
      for (const pending of sourceNow.values()) pending.catch(() => undefined);

      await changesPass('volumes-delta', FRACTION.delta, false);

      const manifest = await step('verify', FRACTION.verify, async () => {
        const check: ManifestCheck = { match: true, files: 0, differences: [] };
        for (const volume of volumes) {
          const compared = await compareManifests(a, b, volume, { signal: job.signal, log, snapshots: snapshots.get(volume), source: sourceNow.get(volume) });
          check.files += compared.files;
          check.match &&= compared.match;
          check.differences.push(...compared.differences.map((d) => `${volume}: ${d}`));
        }
        check.differences = check.differences.slice(0, 100);
        journal.update(id, (r) => void (r.manifest = check));
        if (!check.match) {
          throw new CrossdockError('FAILED_PRECONDITION', `The volume data on ${b.name} does not match ${a.name} after the copy (${check.differences.slice(0, 3).join('; ')}); nothing was started on ${b.name}`, {
            host: b.name,
            differences: check.differences.slice(0, 20),
          });
        }
        return check;
      }, (check) => `${check.files} paths match`);

      await step('start-target', FRACTION.start, () => startTarget(b, specs, log));
      await step('ready', FRACTION.ready, () => waitReady(b, specs, { healthySeconds: req.healthySeconds, signal: job.signal, log }));
      if (running) record = journal.update(id, (r) => void (r.cutover.readyAt = new Date().toISOString()));

      const sourceResult = await step('finish-source', FRACTION.finish, () =>
        finishSource(a, specs, { targetHostName: b.name, remove: req.removeSource, journal, migrationId: id, log }),
      );

      const final = journal.read(id);
      const { stoppedAt, readyAt } = final.cutover;
      const outcome: MigrationOutcome = {
        id,
        plan,
        bytes: { ...final.bytes },
        downtimeMs: stoppedAt && readyAt ? Date.parse(readyAt) - Date.parse(stoppedAt) : 0,
        durationMs: Date.now() - began,
        manifest,
        route: { kind: opened.kind, reason: opened.reason },
        containers: created,
        source: { containers: sourceResult, removed: req.removeSource },
      };
      journal.update(id, (r) => Object.assign(r, { state: 'completed', outcome, error: null }));
      log(`[done] ${created.map((c) => c.name).join(', ')} run on ${b.name}; downtime ${outcome.downtimeMs} ms; ${manifest.files} paths verified`);
      return outcome;
    } catch (error) {
      const wire = toWireError(error, `Migration ${id}`);
      if (!changedAnything) {
        // Refused at the plan: nothing was changed on either host.
        journal.update(id, (r) => Object.assign(r, { state: 'failed-rolled-back', error: wire }));
        throw error;
      }
      log(`[rollback] the migration failed (${wire.message}); restarting the source and cleaning ${req.target.hostName}`);
      await route?.close().catch(() => undefined);
      const current = journal.update(id, (r) => Object.assign(r, { state: 'rolling-back', error: wire }));
      try {
        await rollbackMigration(current, ends, { log });
        journal.update(id, (r) => void (r.state = 'failed-rolled-back'));
        log('[rollback] done: the source runs as before, nothing of the migration is left on the target');
      } catch (rollbackError) {
        const left = toWireError(rollbackError, `Rollback of migration ${id}`);
        journal.update(id, (r) => Object.assign(r, { state: 'failed', error: { ...wire, message: `${wire.message}. ${left.message}` } }));
        log(`[rollback] ${left.message}`);
      }
      throw error;
    } finally {
      await route?.close().catch(() => undefined);
      deps.active.delete(id);
    }
  };
}

/** Rolls back an interrupted or failed migration from its journal record. */
export function rollbackJob(deps: MigrationDeps, id: string) {
  return async (job: JobContext): Promise<{ id: string; state: 'failed-rolled-back' }> => {
    const { journal } = deps;
    const record = journal.update(id, (r) => Object.assign(r, { jobId: job.id, pid: process.pid, state: 'rolling-back' }));
    deps.active.add(id);
    try {
      const ends = lazyEnds(deps.runtime, deps.inventory.find(record.request.source.hostId), deps.inventory.find(record.request.target.hostId));
      job.progress(0.1, 'rollback');
      journal.beginStep(id, 'rollback');
      await rollbackMigration(record, ends, { log: (line) => job.log(line) });
      journal.endStep(id, 'rollback', 'done', null);
      journal.update(id, (r) => void (r.state = 'failed-rolled-back'));
      job.log('[rollback] done: the source runs as before, nothing of the migration is left on the target');
      return { id, state: 'failed-rolled-back' };
    } catch (error) {
      journal.endStep(id, 'rollback', 'failed', toWireError(error, 'Rollback').message);
      journal.update(id, (r) => Object.assign(r, { state: 'failed', error: toWireError(error, `Rollback of migration ${id}`) }));
      throw error;
    } finally {
      deps.active.delete(id);
    }
  };
}
