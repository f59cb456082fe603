import { counted, CrossdockError, fractionIn, MIGRATION_JOB, type ManifestCheck } from '../../../shared/index.js';
import { portTargetFor } from '../ports/port-target.js';
import { finishSource, startTarget, stopSource, waitReady } from './cutover.js';
import { formatBytes } from './format-bytes.js';
import { layersLeftOut } from './layers-left-out.js';
import { needed, sourceRan, type MigrationRun, type MigrationStepId } from './migration-run.js';
import { planMigration } from './plan.js';
import { ProgressMeter } from './progress-meter.js';
import { resumeSpecs } from './resume.js';
import type { StepTable, TableStep } from './step-runner.js';
import { createContainers, createNetworks } from './target-setup.js';
import {
  compareManifests,
  copyVolume,
  currentManifest,
  openRoute,
  sendImages,
  snapshotManifests,
} from './transfer/index.js';

function meterFor(run: MigrationRun, step: MigrationStepId, onStepBytes?: (bytes: number) => void): ProgressMeter {
  return new ProgressMeter(step, {
    migrationId: run.id,
    jobId: run.job.id,
    emit: (p) => run.deps.events.emit('migrations.progress', p),
    log: run.log,
    onStepBytes,
  });
}

/**
 * The images step and the bulk pass run at once; the bytes of both move the job through their
 * shared part of the progress. The later passes are small and have their own places in it.
 */
function dataMeter(run: MigrationRun, step: 'images' | 'volumes-bulk'): ProgressMeter {
  const plan = needed(run.plan, 'the plan');
  const dataBytes = Math.max(1, plan.imageBytesToSend + plan.volumeBytes);
  return meterFor(run, step, (bytes) => {
    run.dataMoved.set(step, bytes);
    const moved = [...run.dataMoved.values()].reduce((sum, n) => sum + n, 0);
    run.job.progress(fractionIn(MIGRATION_JOB, 'images', moved / dataBytes));
  });
}

/** Plans a new migration, or picks up the plan and the source's state of a resumed one. */
async function plan(run: MigrationRun, signal: AbortSignal): Promise<null> {
  const { journal } = run.deps;
  if (!run.request) {
    run.specs = await resumeSpecs(run.source, run.target, journal.read(run.id), signal, run.log);
    run.plan = needed(journal.read(run.id).plan, 'the journaled plan');
  } else {
    const planned = await planMigration({
      source: run.source,
      target: run.target,
      targetPorts: await portTargetFor(run.deps.runtime, run.targetHost, signal),
      sourceRef: run.request.source,
      migrationId: run.id,
      forceRelay: run.settings.forceRelay,
      healthySeconds: run.settings.healthySeconds,
      measuredBytesPerSecond: run.deps.measuredRate(run.sourceHost.id, run.targetHost.id),
      signal,
    });
    journal.update(run.id, (r) => Object.assign(r, { plan: planned.plan }));
    const p = planned.plan;
    run.log(
      `[plan] ${p.containers.map((c) => c.name).join(', ')} from ${run.source.name} to ${run.target.name}: images ${p.images.length} (${formatBytes(p.imageBytesToSend)} to send), volumes ${p.volumes.length} (${formatBytes(p.volumeBytes)}), route ${p.route.kind} (${p.route.reason})`,
    );
    for (const warning of p.warnings) run.log(`[plan] note: ${warning}`);
    const blocker = p.blockers[0];
    if (blocker) {
      for (const other of p.blockers.slice(1)) run.log(`[plan] also: ${other.message}`);
      throw CrossdockError.fromWire(blocker);
    }
    run.specs = planned.specs;
    run.plan = p;
    journal.update(run.id, (r) => void (r.state = 'running'));
  }
  run.volumes = [...new Set(run.specs.flatMap((s) => s.spec.volumes))];
  run.changedAnything = true;
  return null;
}

const images: TableStep<MigrationStepId, MigrationRun> = {
  id: 'images',
  run: async (run, signal) => {
    run.transferStarted ??= Date.now();
    const refs = [...new Set(run.specs.map((s) => s.image))];
    const sent = await sendImages(needed(run.route, 'the route'), refs, {
      signal,
      onProgress: dataMeter(run, 'images').update,
      log: run.log,
    });
    run.deps.journal.update(run.id, (r) => void (r.bytes.images += sent.bytes));
    run.images = sent;
    return `sent ${sent.sent.length} (${sent.bytes} bytes, ${layersLeftOut(sent.layersSkipped, run.target.name)}), skipped ${sent.skipped.length}`;
  },
};

const volumesBulk: TableStep<MigrationStepId, MigrationRun> = {
  id: 'volumes-bulk',
  run: async (run, signal) => {
    run.transferStarted ??= Date.now();
    const { journal } = run.deps;
    const meter = dataMeter(run, 'volumes-bulk');
    let bytes = 0;
    for (const volume of run.volumes) {
      journal.update(run.id, (r) => void (r.created.volumes.includes(volume) || r.created.volumes.push(volume)));
      const copied = await copyVolume(needed(run.route, 'the route'), volume, 'bulk', {
        signal,
        onProgress: meter.update,
        log: run.log,
      });
      bytes += copied.bytes;
      journal.update(run.id, (r) => Object.assign(r.markers, { [volume]: copied.marker }));
      run.dirs.set(volume, copied.dirs);
      run.log(`[volumes-bulk] ${volume}: ${formatBytes(copied.bytes)} copied`);
    }
    journal.update(run.id, (r) => void (r.bytes.volumes += bytes));
    run.bulkBytes = bytes;
    return `${bytes} bytes`;
  },
};

/**
 * Copies what changed in every volume since the last pass's marker, and keeps the marker it hands
 * back (a new one while the source runs) for the next pass.
 */
function changesPass(
  id: 'volumes-catchup' | 'volumes-delta',
  whileRunning: boolean,
): (run: MigrationRun, signal: AbortSignal) => Promise<string> {
  return async (run, signal) => {
    const { journal } = run.deps;
    const meter = meterFor(run, id);
    let bytes = 0;
    const markers = journal.read(run.id).markers;
    for (const volume of run.volumes) {
      const copied = await copyVolume(needed(run.route, 'the route'), volume, 'delta', {
        signal,
        onProgress: meter.update,
        log: run.log,
        marker: markers[volume],
        dirs: run.dirs.get(volume),
        running: whileRunning,
      });
      bytes += copied.bytes;
      run.dirs.set(volume, copied.dirs);
      journal.update(run.id, (r) => Object.assign(r.markers, { [volume]: copied.marker }));
      run.log(
        `[${id}] ${volume}: ${formatBytes(copied.bytes)} copied, ${copied.deleted ?? 0} deleted on ${run.target.name}`,
      );
    }
    journal.update(run.id, (r) => void (r.bytes.volumes += bytes));
    return `${bytes} bytes`;
  };
}

async function verify(run: MigrationRun, signal: AbortSignal): Promise<string> {
  const { source, target } = run;
  const check: ManifestCheck = { match: true, files: 0, differences: [] };
  for (const volume of run.volumes) {
    const compared = await compareManifests(source, target, volume, {
      signal,
      log: run.log,
      snapshots: run.snapshots.get(volume),
      source: run.sourceNow.get(volume),
    });
    check.files += compared.files;
    check.match &&= compared.match;
    check.differences.push(...compared.differences.map((d) => `${volume}: ${d}`));
  }
  check.differences = check.differences.slice(0, 100);
  run.deps.journal.update(run.id, (r) => void (r.manifest = check));
  if (!check.match) {
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `The volume data on ${target.name} does not match ${source.name} after the copy (${check.differences.slice(0, 3).join('; ')}); nothing was started on ${target.name}`,
      {
        host: target.name,
        differences: check.differences.slice(0, 20),
      },
    );
  }
  run.manifest = check;
  return `${check.files} paths match`;
}

/**
 * A migration, step by step, with the ids the contract declares (MIGRATION_JOB). Everything up to
 * `finish-source` can be rolled back: the source runs again and the target loses what was made.
 */
export const MIGRATION_STEPS: StepTable<MigrationStepId, MigrationRun> = [
  { id: 'plan', run: plan },
  {
    id: 'route',
    run: async (run, signal) => {
      const route = await openRoute(run.source, run.target, {
        migrationId: run.id,
        forceRelay: run.settings.forceRelay,
        signal,
      });
      run.route = route;
      run.deps.journal.update(run.id, (r) => void (r.route = { kind: route.kind, reason: route.reason }));
      run.log(`[route] ${route.kind}: ${route.reason}`);
      return `${route.kind}: ${route.reason}`;
    },
  },
  {
    id: 'networks',
    run: async (run) => {
      const made = await createNetworks(run.source, run.target, run.specs, run.deps.journal, run.id, run.log);
      return made.length ? `created ${made.join(', ')}` : 'none needed';
    },
  },
  // The images and a bulk copy of every volume, at the same time while the source runs (two
  // streams over the route), so that one's slow end (`docker load` on the target, a volume of
  // many small files) does not hold up the other. A failure of one cancels the other.
  {
    together: [images, volumesBulk],
    then: (run) => {
      const bytes = (run.images?.bytes ?? 0) + run.bulkBytes;
      const seconds = Math.max(0.001, (Date.now() - (run.transferStarted ?? Date.now())) / 1000);
      run.deps.journal.update(run.id, (r) => void (r.transferBytesPerSecond = Math.round(bytes / seconds)));
    },
  },
  // Both ends' manifests while the source still runs: after the stop, the verify hashes again
  // only what changed since (on the source what the app wrote last, on the target what the delta
  // pass wrote).
  {
    id: 'checksums',
    run: async (run, signal) => {
      for (const volume of run.volumes)
        run.snapshots.set(volume, await snapshotManifests(run.source, run.target, volume, { signal, log: run.log }));
      return `${counted(
        [...run.snapshots.values()].reduce((sum, s) => sum + s.source.manifest.size, 0),
        'path',
      )} hashed on both hosts`;
    },
  },
  {
    id: 'create',
    run: async (run) => {
      run.created = await createContainers(run.target, run.specs, run.deps.journal, run.id, run.log);
      return run.created.map((c) => c.name).join(', ');
    },
  },
  // A last pass while the source still runs, right before the stop: it carries what was written
  // during the bulk pass and the steps since, so the delta pass after the stop (downtime)
  // carries only what changed in these last moments.
  { id: 'volumes-catchup', when: sourceRan, run: changesPass('volumes-catchup', true) },
  {
    id: 'stop-source',
    run: async (run, signal) => {
      // Downtime counts from the stop request: a container may stop serving as soon as it gets SIGTERM.
      if (sourceRan(run))
        run.deps.journal.update(run.id, (r) => void (r.cutover.stoppedAt ??= new Date().toISOString()));
      await stopSource(run.source, run.specs, run.deps.journal, run.id, run.log);
      // With its containers stopped, nothing writes the source's volumes any more: its side of
      // the verify runs during the delta pass (which only reads them), out of the downtime.
      for (const volume of run.volumes) {
        const pending = currentManifest(run.source, volume, run.snapshots.get(volume)?.source, signal);
        // A failed delta pass ends the job before the verify awaits these.
        pending.catch(() => undefined);
        run.sourceNow.set(volume, pending);
      }
      return null;
    },
  },
  { id: 'volumes-delta', run: changesPass('volumes-delta', false) },
  { id: 'verify', run: verify },
  {
    id: 'start-target',
    run: async (run) => {
      await startTarget(run.target, run.specs, run.log);
      return null;
    },
  },
  {
    id: 'ready',
    run: async (run, signal) => {
      await waitReady(run.target, run.specs, { healthySeconds: run.settings.healthySeconds, signal, log: run.log });
      if (sourceRan(run)) run.deps.journal.update(run.id, (r) => void (r.cutover.readyAt = new Date().toISOString()));
      return null;
    },
  },
  {
    id: 'finish-source',
    run: async (run) => {
      run.sourceContainers = await finishSource(run.source, run.specs, {
        targetHostName: run.target.name,
        remove: run.settings.removeSource,
        journal: run.deps.journal,
        migrationId: run.id,
        log: run.log,
      });
      return null;
    },
  },
];
