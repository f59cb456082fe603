import { setTimeout as sleep } from 'node:timers/promises';
import {
  BOOTSTRAP_JOB,
  CrossdockError,
  fractionIn,
  stepStart,
  type CallContext,
  type CrossdockApi,
  type HostInfo,
  type ProviderInfo,
  type ServerImpl,
} from '../../../shared/index.js';
import { bootstrapJob } from '../bootstrap/bootstrap-job.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory } from '../hosts/inventory.js';
import type { JobContext, JobRunner } from '../jobs/registry.js';
import type { KeyStore } from '../keys/key-store.js';
import type { MachineSpec, Provider, ProviderMachine } from '../providers/provider.js';
import { toMachineInfo } from './machine-info.js';

export interface MachineJobDeps {
  provider: Provider;
  providerInfo: ProviderInfo;
  hosts: ServerImpl<CrossdockApi>['hosts'];
  inventory: HostInventory;
  runtime: HostRuntime;
  keys: KeyStore;
}

const SSH_READY_TIMEOUT_MS = 180_000;

async function until<T>(
  what: string,
  signal: AbortSignal,
  timeoutMs: number,
  probe: () => Promise<T | null>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new CrossdockError('TIMEOUT', `${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(1_000, undefined, { signal });
  }
}

/**
 * Adds the new machine as a host, pinning a host key the provider reported; the first that the
 * machine actually presents wins (providers list every key type, SSH negotiates one). While
 * sshd is still starting, HOST_UNREACHABLE is retried.
 */
async function addAsHost(
  deps: MachineJobDeps,
  machine: ProviderMachine,
  keyId: string,
  fingerprints: string[] | null,
  job: JobContext,
): Promise<HostInfo> {
  const ctx: CallContext = { signal: job.signal, progress: () => undefined, emit: () => undefined };
  const base = {
    kind: 'ssh' as const,
    name: machine.name,
    address: machine.address ?? '',
    port: machine.sshPort,
    user: machine.sshUser,
    keyId,
  };
  const trusts = fingerprints ? fingerprints.map((fingerprint) => ({ fingerprint })) : [{ firstUse: true as const }];
  if (!fingerprints) job.log('The provider does not expose host keys: trusting the key presented at first contact');
  return until(`SSH on ${machine.name}`, job.signal, 60_000, async () => {
    for (const trust of trusts) {
      try {
        return await deps.hosts.add({ ...base, trust }, ctx);
      } catch (error) {
        if (!(error instanceof CrossdockError)) throw error;
        if (error.code === 'HOST_KEY_MISMATCH') continue;
        if (error.code === 'HOST_UNREACHABLE') return null;
        throw error;
      }
    }
    throw new CrossdockError(
      'HOST_KEY_MISMATCH',
      `${machine.name} presented a host key its provider did not report; refusing to connect`,
      { machine: machine.name },
    );
  });
}

/** create → SSH ready with a verified key → added as a host → Docker bootstrapped. */
export function machineJob(deps: MachineJobDeps, spec: Omit<MachineSpec, 'sshPublicKey'>): JobRunner<'machine-create'> {
  return async (job) => {
    job.step('create', 'SSH key');
    const keyName = `machine-${spec.name}`;
    const key = deps.keys.list().find((k) => k.name === keyName) ?? deps.keys.generateKey({ name: keyName });
    job.log(`SSH key ${key.name} (${key.fingerprint})`);

    job.step('create');
    const created = await deps.provider.create({ ...spec, sshPublicKey: key.publicKey }, job.signal);
    job.log(`Created ${created.name} (${created.id}) on ${deps.providerInfo.name}`);

    job.step('ssh');
    const running = await until(`${spec.name} running with an address`, job.signal, SSH_READY_TIMEOUT_MS, async () => {
      const machine = await deps.provider.get(created.id, job.signal);
      return machine?.state === 'running' && machine.address ? machine : null;
    });
    job.log(`${running.name} is running at ${running.address}`);
    const fingerprints = await until('the host keys', job.signal, 60_000, async () =>
      deps.provider.hostKeyFingerprints(created.id, job.signal),
    ).catch(() => null);
    if (fingerprints) job.log(`Host keys reported by the provider: ${fingerprints.join(', ')}`);
    const host = await addAsHost(deps, running, key.id, fingerprints, job);
    job.log(`Added host ${host.name} with host key ${host.hostKey?.fingerprint ?? '?'}`);

    job.step('bootstrap');
    const stored = deps.inventory.find(host.id);
    // The bootstrap runs as this job's `bootstrap` step: its own steps, or what one of them is at
    // (the package manager's progress), become the step's detail.
    await bootstrapJob(
      deps.runtime,
      stored,
      {},
    )({
      id: job.id,
      signal: job.signal,
      step: (step) => job.within('bootstrap', stepStart(BOOTSTRAP_JOB, step), step),
      within: (step, part, detail) => job.within('bootstrap', fractionIn(BOOTSTRAP_JOB, step, part), detail ?? step),
      progress: (fraction) => job.within('bootstrap', fraction),
      log: (text, stream) => job.log(text, stream),
    });
    job.step('done');
    return toMachineInfo(deps.providerInfo, (await deps.provider.get(created.id)) ?? running, host.name);
  };
}
