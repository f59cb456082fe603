import {
  MIGRATION_JOB,
  MIGRATION_ROLLBACK_JOB,
  type JobState,
  type MigrationProgress,
  type MigrationStepRecord,
  type StepDeclaration,
} from '../../../shared/index.js';
import { formatBytes } from './transfer-format.js';

/** The steps of a migration job in the order it runs them, as the contract declares them. */
export const MIGRATION_STEPS: readonly StepDeclaration[] = MIGRATION_JOB.steps;

/** A stand-alone roll back's steps, shown after the migration's own once the journal has them. */
const ROLLBACK_STEPS: readonly StepDeclaration[] = MIGRATION_ROLLBACK_JOB.steps;

export type StepStatus = 'done' | 'active' | 'pending' | 'failed' | 'cancelled';

/** Bytes moved in one step, summed over its items, and the step's rate. */
export interface StepBytes {
  bytes: number;
  /** Sum of the items' totals, when every item seen so far had one. */
  totalBytes: number | null;
  bytesPerSecond: number;
}

export interface StepView {
  id: string;
  label: string;
  status: StepStatus;
  /** What the journal says the step did, with byte counts made readable. */
  detail: string | null;
  /** Whether the step moves data (bytes and rate are shown for it). */
  data: boolean;
  /**
   * For a data step: once done, the bytes the journal recorded and the step's average rate; while
   * it runs, the live figures.
   */
  bytes: StepBytes | null;
  /** The latest live figures from `migrations.progress`, whatever the step's state. */
  live: StepBytes | null;
  durationMs: number | null;
}

/** Live transfer figures per step: the latest bytes of each item, and the step's rate. */
export interface ProgressByStep {
  [step: string]: { items: Record<string, { bytes: number; totalBytes: number | null }>; bytesPerSecond: number };
}

/** Folds one `migrations.progress` event into the figures; returns a new object (for React state). */
export function applyProgress(current: ProgressByStep, event: MigrationProgress): ProgressByStep {
  const step = current[event.step] ?? { items: {}, bytesPerSecond: 0 };
  const key = `${event.kind}:${event.item}:${event.pass ?? ''}`;
  return {
    ...current,
    [event.step]: {
      items: { ...step.items, [key]: { bytes: event.bytes, totalBytes: event.totalBytes } },
      bytesPerSecond: event.bytesPerSecond,
    },
  };
}

export function stepBytes(progress: ProgressByStep, step: string): StepBytes | null {
  const entry = progress[step];
  if (!entry) return null;
  const items = Object.values(entry.items);
  const bytes = items.reduce((sum, item) => sum + item.bytes, 0);
  const totals = items.map((item) => item.totalBytes);
  const totalBytes = totals.every((t): t is number => t !== null) ? totals.reduce((sum, t) => sum + t, 0) : null;
  return { bytes, totalBytes, bytesPerSecond: entry.bytesPerSecond };
}

/** The byte count a data step's journal detail ends with (`… (123 bytes) …`, `123 bytes`). */
export function detailBytes(detail: string | null): number | null {
  const match = detail ? /(\d+) bytes\b/.exec(detail) : null;
  return match ? Number(match[1]) : null;
}

/** `sent 1 (52428800 bytes), skipped 0` → `sent 1 (50.0 MiB), skipped 0`. */
export function readableDetail(detail: string | null): string | null {
  if (!detail) return null;
  return detail.replace(/(\d+) bytes\b/g, (_, digits: string) => formatBytes(Number(digits)));
}

/**
 * The steps of the latest run only: a resumed migration journals its steps again from `plan`,
 * and a stand-alone roll back adds `rollback` after them.
 */
function latestRun(records: readonly MigrationStepRecord[]): MigrationStepRecord[] {
  let start = 0;
  records.forEach((record, index) => {
    if (record.name === 'plan') start = index;
  });
  // A resume that found the source already removed goes straight to finish-source.
  return records.slice(start);
}

const durationOf = (record: MigrationStepRecord, now: number): number | null => {
  const start = Date.parse(record.startedAt);
  const end = record.endedAt ? Date.parse(record.endedAt) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, end - start);
};

/**
 * The steps that run while the source container still serves. Their titles say so only while they
 * are active: a finished step that still read "(source still running)" looked like it had not ended.
 */
const WHILE_SOURCE_RUNS = new Set(['volumes-bulk', 'checksums', 'volumes-catchup']);

/** A step's title for its status: the live note only while it runs. */
export function stepLabel(id: string, label: string, status: StepStatus): string {
  return status === 'active' && WHILE_SOURCE_RUNS.has(id) ? `${label} (source still running)` : label;
}

/**
 * Every step with its status, from the journal's records (their details and times), the job's
 * state (a step the journal left `started` is active while the job runs, failed or cancelled
 * after) and the live byte figures of the data steps.
 */
export function migrationSteps(
  records: readonly MigrationStepRecord[],
  job: { state: JobState; step: string | null } | null,
  progress: ProgressByStep,
  now: number,
): StepView[] {
  const run = latestRun(records);
  const last = new Map<string, MigrationStepRecord>();
  for (const record of run) last.set(record.name, record);
  const running = job?.state === 'running';
  const endedAs: StepStatus = job?.state === 'cancelled' ? 'cancelled' : 'failed';
  const catalogue = ROLLBACK_STEPS.some((step) => last.has(step.id))
    ? [...MIGRATION_STEPS, ...ROLLBACK_STEPS]
    : MIGRATION_STEPS;
  return catalogue.map((step) => {
    const record = last.get(step.id);
    let status: StepStatus = 'pending';
    if (record?.state === 'done') status = 'done';
    else if (record?.state === 'failed') status = endedAs;
    else if (record?.state === 'started') status = running ? 'active' : endedAs;
    else if (running && job?.step === step.id) status = 'active';
    const data = step.data === true;
    const durationMs = record ? durationOf(record, now) : null;
    const live = data ? stepBytes(progress, step.id) : null;
    const recorded = data && status === 'done' ? detailBytes(record?.detail ?? null) : null;
    const bytes =
      recorded !== null
        ? {
            bytes: recorded,
            totalBytes: null,
            bytesPerSecond: durationMs ? Math.round(recorded / Math.max(0.001, durationMs / 1000)) : 0,
          }
        : live;
    // A detail that only says how many bytes is shown by the figures instead.
    const detail =
      recorded !== null && /^\d+ bytes$/.test(record?.detail ?? '') ? null : readableDetail(record?.detail ?? null);
    return {
      id: step.id,
      label: stepLabel(step.id, step.label, status),
      status,
      detail,
      data,
      bytes,
      live,
      durationMs,
    };
  });
}
