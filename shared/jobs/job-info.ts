import { z } from 'zod';
import { CrossdockError, type WireError } from '../errors.js';
import { wireErrorSchema } from '../rpc/frames.js';
import type { JobState } from '../domain/jobs.js';
import { isStepOf } from './declare.js';
import {
  isExtensionJobKind,
  isJobKind,
  JOB_KINDS,
  type ExtensionJobKind,
  type JobKind,
  type JobResult,
  type JobStepId,
} from './kinds.js';

/** What every job has, whatever its kind. */
interface JobInfoBase {
  id: string;
  /** A human title, e.g. "Install Docker on web-1". */
  title: string;
  state: JobState;
  /** 0..1 */
  fraction: number;
  /** What the current step is at, e.g. the service being deployed (null when it says nothing more). */
  stepDetail: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Set when state is `failed`, `cancelled` or `interrupted`. */
  error: WireError | null;
  /** Whether `jobs.cancel` can still stop it (it runs in this process and has not ended). */
  cancellable: boolean;
}

/** A job of one kind: its step is one of the kind's declared steps, its result the kind's result. */
export type JobInfoOf<K extends JobKind> = JobInfoBase & {
  kind: K;
  /** The step in progress, or the last one. */
  step: JobStepId<K> | null;
  /** What the job returned, once state is `succeeded`. */
  result: JobResult<K> | null;
};

/** A job of a kind declared outside the contract (`x-…`): steps and result are not typed. */
export type ExtensionJobInfo = JobInfoBase & { kind: ExtensionJobKind; step: string | null; result: unknown };

/** A long piece of work in the core: progress, log, cancel, and a final result or error. Narrow by `kind`. */
export type JobInfo = { [K in JobKind]: JobInfoOf<K> }[JobKind] | ExtensionJobInfo;

const base = {
  id: z.string(),
  title: z.string(),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
  fraction: z.number().min(0).max(1),
  stepDetail: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: wireErrorSchema.nullable(),
  cancellable: z.boolean(),
};

function kindSchema<K extends JobKind>(kind: K) {
  const declaration = JOB_KINDS[kind];
  return z.object({
    ...base,
    kind: z.literal(kind),
    step: z.custom<JobStepId<K>>((value) => isStepOf(declaration, value)).nullable(),
    result: z.custom<JobResult<K>>((value) => declaration.result.safeParse(value).success).nullable(),
  });
}

/**
 * A JobInfo checked against its kind's declaration: the step is one the kind declares, and the
 * result matches the kind's schema. What the core journals and what a client receives parse with it.
 */
export const jobInfoSchema: z.ZodType<JobInfo> = z.union([
  kindSchema('bootstrap'),
  kindSchema('machine-create'),
  kindSchema('deploy'),
  kindSchema('migration'),
  kindSchema('migration-rollback'),
  kindSchema('prices-refresh'),
  kindSchema('image-pull'),
  kindSchema('image-send'),
  z.object({
    ...base,
    kind: z.custom<ExtensionJobKind>(isExtensionJobKind),
    step: z.string().nullable(),
    result: z.unknown(),
  }),
]);

// Indexed by a generic kind, a mapped type keeps the link between the kind and its result's type.
const RESULT_SCHEMAS: { [K in JobKind]: z.ZodType<JobResult<K>> } = {
  bootstrap: JOB_KINDS.bootstrap.result,
  'machine-create': JOB_KINDS['machine-create'].result,
  deploy: JOB_KINDS.deploy.result,
  migration: JOB_KINDS.migration.result,
  'migration-rollback': JOB_KINDS['migration-rollback'].result,
  'prices-refresh': JOB_KINDS['prices-refresh'].result,
  'image-pull': JOB_KINDS['image-pull'].result,
  'image-send': JOB_KINDS['image-send'].result,
};

/**
 * The result of a succeeded job of kind `kind`, checked against the kind's schema; null for
 * another kind, a job that has not succeeded, or a result that does not match.
 */
export function jobResult<K extends JobKind>(job: JobInfo | null | undefined, kind: K): JobResult<K> | null {
  if (!job || job.kind !== kind || job.state !== 'succeeded') return null;
  const parsed = RESULT_SCHEMAS[kind].safeParse(job.result);
  return parsed.success ? parsed.data : null;
}

/** The result of a job that succeeded as a job of kind `kind`; anything else is an INTERNAL error. */
export function requireJobResult<K extends JobKind>(job: JobInfo, kind: K): JobResult<K> {
  const result = jobResult(job, kind);
  if (result === null) {
    throw new CrossdockError('INTERNAL', `Job ${job.id} (${job.kind}, ${job.state}) has no ${kind} result`, {
      jobId: job.id,
    });
  }
  return result;
}

/**
 * What a job is doing, in words: its step's declared label, with the step's detail (the service
 * being deployed, the bootstrap's own step); a job of a kind outside the contract says its step as
 * it is. Null before the first step.
 */
export function jobStepText(job: Pick<JobInfo, 'kind' | 'step' | 'stepDetail'>): string | null {
  const label = isJobKind(job.kind)
    ? (JOB_KINDS[job.kind].steps.find((s) => s.id === job.step)?.label ?? null)
    : job.step;
  if (label && job.stepDetail) return `${label}: ${job.stepDetail}`;
  return label ?? job.stepDetail;
}
