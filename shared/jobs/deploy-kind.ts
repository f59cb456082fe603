import { z } from 'zod';
import type { DeployReport } from '../domain/workloads.js';
import { declareJobKind } from './declare.js';

export const deployReportSchema: z.ZodType<DeployReport> = z.object({
  host: z.string(),
  project: z.string(),
  services: z.array(
    z.object({
      name: z.string(),
      action: z.enum(['created', 'recreated', 'started', 'unchanged', 'removed']),
      container: z.string(),
    }),
  ),
  createdNetworks: z.array(z.string()),
  createdVolumes: z.array(z.string()),
  reassignedPorts: z.array(
    z.object({
      service: z.string(),
      target: z.number(),
      protocol: z.enum(['tcp', 'udp']),
      wanted: z.number(),
      assigned: z.number(),
      holder: z.string(),
    }),
  ),
  changed: z.boolean(),
});

/**
 * Deploying a compose project to a host (`workloads.deploy`). The step detail names what the step
 * is at: the image and its bytes and layers in `pull`, the service and its context upload or
 * Dockerfile step in `build`, `networks` or `volumes` in `resources`, the service (or `remove`) in `services`.
 */
export const DEPLOY_JOB = declareJobKind({
  kind: 'deploy',
  steps: [
    { id: 'check', label: 'Check secrets and external resources on the host', share: 0.05 },
    { id: 'pull', label: 'Pull images (as the pull policy says)', share: 0.25 },
    { id: 'build', label: 'Build images on the host (where their context changed), check ports', share: 0.25 },
    { id: 'resources', label: 'Networks and volumes', share: 0.05 },
    { id: 'services', label: 'Services, dependencies first', share: 0.4 },
    { id: 'done', label: 'Deployed', share: 0 },
  ],
  result: deployReportSchema,
});
