import { CrossdockError, type MigrationOutcome } from '../../../shared/index.js';
import type { MigrationJournal, MigrationJournalRecord } from './migration-journal.js';
import { containerSpecs, inspectContainer, type ContainerSpec } from './source-containers.js';
import { removeRouteLeftovers, type TransferHost } from './transfer/index.js';

/**
 * Resuming a migration that was removing the source containers (--remove-source) when it was cut
 * off: the copies on the target passed verification and readiness before that step, so the rest
 * of the removal is done and the migration recorded as completed, provided the copies run.
 */
export async function completeAfterRemoval(
  source: TransferHost,
  target: TransferHost,
  record: MigrationJournalRecord,
  began: number,
  journal: MigrationJournal,
  log: (line: string) => void,
): Promise<MigrationOutcome> {
  const plan = record.plan as NonNullable<MigrationJournalRecord['plan']>;
  const containers: { name: string; id: string }[] = [];
  for (const planned of plan.containers) {
    const copy = await inspectContainer(target, planned.name);
    if (planned.running && !copy.State.Running) {
      throw new CrossdockError(
        'CONTAINER_UNHEALTHY',
        `${planned.name} on ${target.name} is not running, and its source on ${source.name} was removed; start it on ${target.name} and look at its log`,
        { host: target.name, container: planned.name },
      );
    }
    containers.push({ name: planned.name, id: copy.Id });
    await source.docker
      .getContainer(planned.id)
      .remove({ v: false })
      .catch((error: unknown) => {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      });
  }
  log(`[finish-source] the source containers are removed from ${source.name}; the copies run on ${target.name}`);
  const { stoppedAt, readyAt } = record.cutover;
  const outcome: MigrationOutcome = {
    id: record.id,
    plan,
    bytes: { ...record.bytes },
    downtimeMs: stoppedAt && readyAt ? Date.parse(readyAt) - Date.parse(stoppedAt) : 0,
    durationMs: Date.now() - began,
    manifest: record.manifest ?? { match: true, files: 0, differences: [] },
    route: record.route ?? { kind: 'direct', reason: 'recorded before the interruption' },
    containers,
    source: { containers: plan.containers.map((c) => ({ id: c.id, name: c.name, renamedTo: null })), removed: true },
  };
  journal.update(record.id, (r) => Object.assign(r, { state: 'completed', outcome, error: null }));
  return outcome;
}

/**
 * Resuming: whatever an earlier run left half done on the source's side is put back first (a
 * rename or restart-policy change of the last step), then the source containers are inspected
 * again by id. Whether each ran comes from the plan, since the earlier run may have stopped it.
 */
export async function resumeSpecs(
  source: TransferHost,
  target: TransferHost,
  record: MigrationJournalRecord,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<ContainerSpec[]> {
  const plan = record.plan;
  if (!plan)
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `Migration ${record.id} was interrupted before its plan was made; start it again instead`,
      { migrationId: record.id },
    );
  for (const renamed of record.source.renamed) {
    const container = source.docker.getContainer(renamed.id);
    if ((await container.inspect()).Name.replace(/^\//, '') !== renamed.from)
      await container.rename({ name: renamed.from });
  }
  for (const { id, policy } of record.source.restartPolicies)
    await source.docker.getContainer(id).update({ RestartPolicy: policy });
  await removeRouteLeftovers(source, target, record.id, signal);
  const infos = await Promise.all(plan.containers.map((c) => inspectContainer(source, c.id, signal)));
  const specs = await containerSpecs(source, infos, record.id);
  for (const s of specs) s.running = plan.containers.find((c) => c.id === s.info.Id)?.running ?? s.running;
  log(
    `[plan] resuming migration ${record.id}: ${specs.map((s) => s.spec.name).join(', ')} from ${source.name} to ${target.name}`,
  );
  return specs;
}
