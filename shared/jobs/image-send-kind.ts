import { z } from 'zod';
import type { ImageSendReport } from '../domain/images.js';
import { declareJobKind } from './declare.js';

export const imageSendReportSchema: z.ZodType<ImageSendReport> = z.object({
  source: z.string(),
  image: z.string(),
  id: z.string(),
  targets: z.array(
    z.object({
      host: z.string(),
      route: z.object({ kind: z.enum(['direct', 'relay']), reason: z.string() }),
      sent: z.boolean(),
      bytes: z.number(),
      layers: z.number(),
      layersHeld: z.number(),
    }),
  ),
});

/**
 * Sending an image from one host to others (`images.send`), each target at once, host to host
 * where the source can reach it, and only the layers it lacks. The step detail of `send` says
 * each target's bytes so far, e.g. `docker-5: 1.2 MB of 3.4 MB; docker-6: already there`.
 */
export const IMAGE_SEND_JOB = declareJobKind({
  kind: 'image-send',
  steps: [
    { id: 'look-up', label: 'Look up the image and the layers each host holds', share: 0.05 },
    { id: 'send', label: 'Send the layers each host lacks', share: 0.95 },
    { id: 'done', label: 'Sent', share: 0 },
  ],
  result: imageSendReportSchema,
});
