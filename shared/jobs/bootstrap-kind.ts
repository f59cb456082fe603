import { z } from 'zod';
import type { BootstrapReport } from '../domain/bootstrap.js';
import { declareJobKind } from './declare.js';

export const bootstrapReportSchema: z.ZodType<BootstrapReport> = z.object({
  os: z.string(),
  version: z.string(),
  arch: z.string(),
  docker: z.object({ version: z.string(), storageDriver: z.string() }),
  changed: z.boolean(),
  steps: z.array(z.object({ name: z.string(), changed: z.boolean(), detail: z.string() })),
});

/** Installing and configuring Docker on a host (`bootstrap.start`). */
export const BOOTSTRAP_JOB = declareJobKind({
  kind: 'bootstrap',
  steps: [
    { id: 'detect', label: 'Detect the system and how to get root', share: 0.1 },
    { id: 'packages', label: 'Install the Docker packages', share: 0.6 },
    { id: 'daemon-config', label: 'Configure the daemon (log rotation, live restore)', share: 0.1 },
    { id: 'service', label: 'Start the Docker service', share: 0.05 },
    { id: 'docker-group', label: 'Add the login user to the docker group', share: 0.05 },
    { id: 'verify', label: 'Verify the engine answers', share: 0.1 },
  ],
  result: bootstrapReportSchema,
});
