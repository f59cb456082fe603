// A migration through the core, as the app runs it (migrations.start, then the job), and what its
// journal says each step took. The core's own figures are used as they are: bytes per kind and
// downtime from the outcome, step times from the journal's step records.
import type { Core } from '../../electron/core/create-core.js';
import {
  type CrossdockApi,
  type CrossdockEvents,
  type MigrationOutcome,
  type MigrationStepRecord,
  type RpcClient,
  requireJobResult,
} from '../../shared/index.js';

type Client = RpcClient<CrossdockApi, CrossdockEvents>;

/** The steps from stopping the source to the target's being ready: what downtime is made of. */
export const DOWNTIME_STEPS = ['stop-source', 'volumes-delta', 'verify', 'start-target', 'ready'] as const;

export interface CoreRun {
  outcome: MigrationOutcome;
  /** Milliseconds per step name, from the journal. */
  stepMs: Record<string, number>;
  /** From the start of the first to the end of the last of the images step and the bulk pass (they run at once). */
  dataMs: number;
  /** Bytes of the images step plus the bulk pass. */
  dataBytes: number;
  /** Bytes of the delta pass. */
  deltaBytes: number;
}

const ms = (s: MigrationStepRecord): number =>
  s.endedAt ? Date.parse(s.endedAt) - Date.parse(s.startedAt) : Number.NaN;

/**
 * Migrates `container` from host `source` to host `target`. `afterBulk` runs synchronously when
 * the job enters its `create` step: the bulk pass is over and the source still runs, so what it
 * changes is exactly what the delta pass must carry.
 */
export async function migrateThroughCore(
  core: Core,
  client: Client,
  options: { source: string; target: string; container: string; healthySeconds?: number; afterBulk?: () => void },
): Promise<CoreRun> {
  let jobId: string | null = null;
  let changed = false;
  const off = core.events.on('jobs.changed', (job) => {
    if (!options.afterBulk || changed || job.id !== jobId || job.step !== 'create') return;
    changed = true;
    options.afterBulk();
  });
  try {
    const job = await client.api.migrations.start({
      source: { host: options.source, container: options.container },
      target: options.target,
      ...(options.healthySeconds !== undefined ? { healthySeconds: options.healthySeconds } : {}),
    });
    jobId = job.id;
    const done = await client.api.jobs.wait({ id: job.id });
    if (done.state !== 'succeeded') {
      const log = (await client.api.jobs.logs({ id: job.id }))
        .map((l) => l.text)
        .slice(-15)
        .join('\n  ');
      throw new Error(`migration of ${options.container} ${done.state}: ${done.error?.message ?? ''}\n  ${log}`);
    }
    if (options.afterBulk && !changed)
      throw new Error(
        `the migration of ${options.container} never entered its create step: the volume was not changed`,
      );
    const outcome = requireJobResult(done, 'migration');
    const record = await client.api.migrations.get({ id: outcome.id });
    const stepMs = Object.fromEntries(record.steps.map((s) => [s.name, ms(s)]));
    const step = (name: string): MigrationStepRecord => {
      const found = record.steps.find((s) => s.name === name);
      if (!found) throw new Error(`the journal of migration ${outcome.id} has no step ${name}`);
      return found;
    };
    const bytesOf = (name: string): number => Number(/^(\d+) bytes$/.exec(step(name).detail ?? '')?.[1] ?? Number.NaN);
    const deltaBytes = bytesOf('volumes-delta');
    const data = [step('images'), step('volumes-bulk')];
    const dataEnds = data.map((s) => (s.endedAt ? Date.parse(s.endedAt) : Number.NaN));
    return {
      outcome,
      stepMs,
      dataMs: Math.max(...dataEnds) - Math.min(...data.map((s) => Date.parse(s.startedAt))),
      dataBytes: outcome.bytes.images + bytesOf('volumes-bulk'),
      deltaBytes,
    };
  } finally {
    off();
  }
}
