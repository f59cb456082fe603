import type { z } from 'zod';
import { BOOTSTRAP_JOB } from './bootstrap-kind.js';
import { DEPLOY_JOB } from './deploy-kind.js';
import { IMAGE_PULL_JOB } from './image-pull-kind.js';
import { IMAGE_SEND_JOB } from './image-send-kind.js';
import { MACHINE_CREATE_JOB } from './machine-create-kind.js';
import { MIGRATION_JOB, MIGRATION_ROLLBACK_JOB } from './migration-kind.js';
import { PRICES_REFRESH_JOB } from './prices-refresh-kind.js';

/** Every kind of job the core runs, by kind. */
export const JOB_KINDS = {
  bootstrap: BOOTSTRAP_JOB,
  'machine-create': MACHINE_CREATE_JOB,
  deploy: DEPLOY_JOB,
  migration: MIGRATION_JOB,
  'migration-rollback': MIGRATION_ROLLBACK_JOB,
  'prices-refresh': PRICES_REFRESH_JOB,
  'image-pull': IMAGE_PULL_JOB,
  'image-send': IMAGE_SEND_JOB,
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export type JobStepId<K extends JobKind> = (typeof JOB_KINDS)[K]['steps'][number]['id'];
export type JobResult<K extends JobKind> = z.output<(typeof JOB_KINDS)[K]['result']>;

export function isJobKind(kind: unknown): kind is JobKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(JOB_KINDS, kind);
}

/**
 * Kinds declared outside the contract start with `x-`: a test's own long job, say. Their steps are
 * plain strings and their result is not typed; no product code starts one.
 */
export type ExtensionJobKind = `x-${string}`;

export function isExtensionJobKind(kind: unknown): kind is ExtensionJobKind {
  return typeof kind === 'string' && kind.startsWith('x-');
}
