import { z } from 'zod';
import type { MigrationOutcome, MigrationPlan } from '../domain/migrations.js';
import { wireErrorSchema } from '../rpc/frames.js';
import { declareJobKind } from './declare.js';

const route = z.object({ kind: z.enum(['direct', 'relay']), reason: z.string() });

export const migrationPlanSchema: z.ZodType<MigrationPlan> = z.object({
  source: z.object({
    hostId: z.string(),
    hostName: z.string(),
    kind: z.enum(['container', 'project']),
    name: z.string(),
  }),
  target: z.object({ hostId: z.string(), hostName: z.string(), architecture: z.string() }),
  containers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      image: z.string(),
      imageId: z.string(),
      running: z.boolean(),
      hasHealthcheck: z.boolean(),
      ports: z.array(z.string()),
      volumes: z.array(z.string()),
      binds: z.array(z.string()),
      networks: z.array(z.string()),
      stop: z.object({ signal: z.string(), timeoutSeconds: z.number().nullable() }),
    }),
  ),
  images: z.array(
    z.object({
      ref: z.string(),
      id: z.string(),
      bytes: z.number(),
      onTarget: z.boolean(),
      architecture: z.string(),
      layers: z.number(),
      layersOnTarget: z.number(),
      bytesToSend: z.number(),
    }),
  ),
  imageBytesToSend: z.number(),
  volumes: z.array(z.object({ name: z.string(), driver: z.string(), bytes: z.number(), files: z.number() })),
  volumeBytes: z.number(),
  networks: z.array(z.object({ name: z.string(), driver: z.string(), existsOnTarget: z.boolean() })),
  space: z.object({ freeBytes: z.number(), neededBytes: z.number() }),
  architecture: z.object({ source: z.array(z.string()), target: z.string(), match: z.boolean() }),
  portConflicts: z.array(z.string()),
  route,
  estimate: z.object({
    bytesPerSecond: z.number(),
    basis: z.enum(['measured', 'assumed']),
    transferMs: z.number(),
    stopWaitMs: z.number().nullable(),
    downtimeMs: z.number(),
  }),
  blockers: z.array(wireErrorSchema),
  warnings: z.array(z.string()),
});

export const migrationOutcomeSchema: z.ZodType<MigrationOutcome> = z.object({
  id: z.string(),
  plan: migrationPlanSchema,
  bytes: z.object({ images: z.number(), volumes: z.number() }),
  downtimeMs: z.number(),
  durationMs: z.number(),
  manifest: z.object({ match: z.boolean(), files: z.number(), differences: z.array(z.string()) }),
  route,
  containers: z.array(z.object({ name: z.string(), id: z.string() })),
  source: z.object({
    containers: z.array(z.object({ id: z.string(), name: z.string(), renamedTo: z.string().nullable() })),
    removed: z.boolean(),
  }),
});

/**
 * Moving a container or a compose project between hosts (`migrations.start` and `.resume`), in
 * the order the steps run. The images and the bulk pass run at the same time, and the bytes of
 * both together move the job through their share; the migration's journal records each step by
 * these ids.
 */
export const MIGRATION_JOB = declareJobKind({
  kind: 'migration',
  steps: [
    { id: 'plan', label: 'Plan', share: 0.06 },
    { id: 'route', label: 'Open the route between the hosts', share: 0.01 },
    { id: 'networks', label: 'Create networks', share: 0.01 },
    { id: 'images', label: 'Send the images the target lacks', share: 0.62, data: true },
    {
      id: 'volumes-bulk',
      label: 'Copy volumes, bulk pass, alongside the images',
      share: 0,
      alongside: 'images',
      data: true,
    },
    { id: 'checksums', label: 'Checksum the volumes on both hosts', share: 0.04 },
    { id: 'create', label: 'Create the containers on the target', share: 0.02 },
    { id: 'volumes-catchup', label: 'Copy what changed since, catch-up pass', share: 0.02, data: true },
    { id: 'stop-source', label: 'Stop the source (downtime starts)', share: 0.02 },
    { id: 'volumes-delta', label: 'Copy what changed, delta pass', share: 0.05, data: true },
    { id: 'verify', label: 'Verify checksums of every volume', share: 0.05 },
    { id: 'start-target', label: 'Start on the target', share: 0.02 },
    { id: 'ready', label: 'Wait until healthy (downtime ends)', share: 0.06 },
    { id: 'finish-source', label: 'Mark or remove the source', share: 0.02 },
  ],
  result: migrationOutcomeSchema,
});

/** Rolling back an interrupted or failed migration from its journal (`migrations.rollback`). */
export const MIGRATION_ROLLBACK_JOB = declareJobKind({
  kind: 'migration-rollback',
  steps: [{ id: 'rollback', label: 'Roll back', share: 1 }],
  result: z.object({ id: z.string(), state: z.literal('failed-rolled-back') }),
});
