import { setTimeout as delay } from 'node:timers/promises';
import { CrossdockError } from '../../../shared/index.js';
import type { MigrationJournalRecord } from './migration-journal.js';
import { MIGRATION_LABEL } from './source-containers.js';
import { removeMigrationContainers } from './target-setup.js';
import { removeRouteLeftovers, removeVolumeOn, type TransferHost } from './transfer/index.js';

type Log = (line: string) => void;

/** Codes that mean "the host did not answer this time": worth another try while it comes back. */
const TRANSIENT = new Set(['HOST_UNREACHABLE', 'DISCONNECTED', 'DOCKER_UNAVAILABLE', 'TIMEOUT']);

function transient(error: unknown): boolean {
  if (error instanceof CrossdockError) return TRANSIENT.has(error.code);
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ECONNREFUSED' ||
    /socket hang up|channel|Not connected|No response/i.test(String((error as Error).message))
  );
}

/** Runs `work`, again after a pause while its host is briefly unreachable (sshd restarting), up to `budgetMs`. */
async function withRetries<T>(work: () => Promise<T>, budgetMs: number): Promise<T> {
  const until = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!transient(error) || Date.now() > until) throw error;
      await delay(Math.min(500 * 2 ** attempt, 5_000));
    }
  }
}

export interface RollbackEnds {
  /** Opened lazily and again after a failure: a dropped connection is made anew. */
  source: () => Promise<TransferHost>;
  target: () => Promise<TransferHost>;
}

/**
 * Undoes a migration from its journal record, source first (so the service runs again as soon
 * as possible): renamed containers get their names and restart policies back, and the ones the
 * migration stopped are started. Then the target loses what the migration made there: its
 * containers (found by label, so even one whose creation was never answered), the volumes and
 * networks it created, and the route's key and files. Every part is tried even when another
 * fails; what could not be undone is listed in the error, and running it again is safe.
 */
export async function rollbackMigration(
  record: MigrationJournalRecord,
  ends: RollbackEnds,
  options: { log: Log; retryBudgetMs?: number },
): Promise<void> {
  const { log } = options;
  const budget = options.retryBudgetMs ?? 60_000;
  if (record.source.removed) await refuseWithoutSource(record, await withRetries(ends.source, budget));
  const left: string[] = [];
  const attempt = async (what: string, work: () => Promise<void>): Promise<void> => {
    try {
      await withRetries(work, budget);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      left.push(`${what}: ${reason}`);
      log(`[rollback] could not ${what}: ${reason}`);
    }
  };
  const sourceName = record.request.source.hostName;
  const targetName = record.request.target.hostName;

  for (const renamed of record.source.renamed) {
    await attempt(`rename ${renamed.to} back to ${renamed.from} on ${sourceName}`, async () => {
      const source = await ends.source();
      const container = source.docker.getContainer(renamed.id);
      const name = (await container.inspect()).Name.replace(/^\//, '');
      if (name !== renamed.from) await container.rename({ name: renamed.from });
    });
  }
  for (const { id, policy } of record.source.restartPolicies) {
    await attempt(`restore the restart policy of ${id.slice(0, 12)} on ${sourceName}`, async () => {
      const source = await ends.source();
      await source.docker.getContainer(id).update({ RestartPolicy: policy });
    });
  }
  for (const stopped of record.source.stopped) {
    await attempt(`start ${stopped.name} on ${sourceName}`, async () => {
      const source = await ends.source();
      await source.docker
        .getContainer(stopped.id)
        .start()
        .catch((error: unknown) => {
          if ((error as { statusCode?: number }).statusCode !== 304) throw error;
        });
      log(`[rollback] ${stopped.name} runs again on ${sourceName}`);
    });
  }

  await attempt(`remove the migration's containers from ${targetName}`, async () => {
    const removed = await removeMigrationContainers(await ends.target(), record.id);
    if (removed.length > 0) log(`[rollback] removed ${removed.join(', ')} from ${targetName}`);
  });
  for (const volume of record.created.volumes) {
    await attempt(`remove volume ${volume} from ${targetName}`, async () => {
      await removeVolumeOn(await ends.target(), volume);
      log(`[rollback] removed volume ${volume} from ${targetName}`);
    });
  }
  for (const network of record.created.networks) {
    await attempt(`remove network ${network} from ${targetName}`, async () => {
      const target = await ends.target();
      const found = await target.docker
        .getNetwork(network)
        .inspect()
        .then(
          (n: { Labels?: Record<string, string> | undefined }) => n,
          () => null,
        );
      // Only a network this migration made (a same-named one made by someone since is not ours).
      if (found?.Labels?.[MIGRATION_LABEL] !== record.id) return;
      await target.docker.getNetwork(network).remove();
      log(`[rollback] removed network ${network} from ${targetName}`);
    });
  }
  await attempt(`remove the transfer key and files between ${sourceName} and ${targetName}`, async () => {
    await removeRouteLeftovers(await ends.source(), await ends.target(), record.id);
  });

  if (left.length > 0) {
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `Rolling back migration ${record.id} did not finish: ${left.join('; ')}. Run "crossdock migrate rollback ${record.id}" again once the hosts answer`,
      {
        migrationId: record.id,
        left,
      },
    );
  }
}

/**
 * With --remove-source, the last step removes the source containers. Once one of them is gone,
 * the copies on the target are the only ones left: removing them would lose the workload, so
 * rollback refuses (resume finishes the migration instead).
 */
async function refuseWithoutSource(record: MigrationJournalRecord, source: TransferHost): Promise<void> {
  for (const container of record.plan?.containers ?? []) {
    const exists = await source.docker
      .getContainer(container.id)
      .inspect()
      .then(
        () => true,
        (error: unknown) => {
          if ((error as { statusCode?: number }).statusCode === 404) return false;
          throw error;
        },
      );
    if (!exists) {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        `Migration ${record.id} already removed ${container.name} from ${record.request.source.hostName}; its copy on ${record.request.target.hostName} is the only one, so it is not rolled back. Resume it instead`,
        {
          migrationId: record.id,
          container: container.name,
        },
      );
    }
  }
}
