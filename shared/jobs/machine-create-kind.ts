import { z } from 'zod';
import type { MachineInfo } from '../domain/providers.js';
import { declareJobKind } from './declare.js';

export const machineInfoSchema: z.ZodType<MachineInfo> = z.object({
  id: z.string(),
  name: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  providerKind: z.enum(['local', 'aws', 'gcp', 'hetzner', 'digitalocean', 'ssh']),
  state: z.enum(['pending', 'running', 'stopping', 'stopped', 'terminated', 'unknown']),
  address: z.string().nullable(),
  region: z.string().nullable(),
  type: z.string(),
  os: z.string().nullable(),
  hostName: z.string().nullable(),
  createdAt: z.string().nullable(),
});

/**
 * Creating a machine on a provider (`machines.create`). During `bootstrap` the job's step detail
 * is the bootstrap's own step.
 */
export const MACHINE_CREATE_JOB = declareJobKind({
  kind: 'machine-create',
  steps: [
    { id: 'create', label: 'Create the machine on the provider', share: 0.15 },
    { id: 'ssh', label: 'SSH ready, host key pinned', share: 0.15 },
    { id: 'bootstrap', label: 'Install Docker', share: 0.7 },
    { id: 'done', label: 'Listed as a host', share: 0 },
  ],
  result: machineInfoSchema,
});
