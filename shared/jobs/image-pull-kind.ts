import { z } from 'zod';
import type { ImagePullReport } from '../domain/images.js';
import { declareJobKind } from './declare.js';

export const imagePullReportSchema: z.ZodType<ImagePullReport> = z.object({
  host: z.string(),
  image: z.string(),
  id: z.string(),
  registry: z.string(),
  layers: z.number(),
  layersExisting: z.number(),
  bytes: z.number(),
});

/**
 * Pulling one image on one host (`images.pull`) with the vault's registry login. The step detail
 * of `pull` says the bytes downloaded of those known and the layers done, e.g. `12.3 MB of 45.0 MB,
 * 3/7 layers (2 already there)`.
 */
export const IMAGE_PULL_JOB = declareJobKind({
  kind: 'image-pull',
  steps: [
    { id: 'pull', label: 'Pull the image, layer by layer', share: 1 },
    { id: 'done', label: 'Pulled', share: 0 },
  ],
  result: imagePullReportSchema,
});
