// The Provider for AWS EC2 (SDK v3). One provider object = one account in one region; the
// machines service makes one per region the user enables. Machines are found by the
// `crossdock=managed` tag, so any laptop holding the credentials sees the same ones.
import {
  DescribeRegionsCommand, GetConsoleOutputCommand, StartInstancesCommand, StopInstancesCommand, TerminateInstancesCommand,
  waitUntilInstanceRunning, waitUntilInstanceTerminated, type Instance,
} from '@aws-sdk/client-ec2';
import { setTimeout as sleep } from 'node:timers/promises';
import { CrossdockError } from '../../../../shared/errors.js';
import type { Provider, ProviderMachine } from '../provider.js';
import { consoleHostKeyFingerprints } from './console-host-keys.js';
import { createMachine } from './create-machine.js';
import { describeInstances, describeManaged, LIVE_STATES, MANAGED } from './describe-instances.js';
import { toCrossdockError } from './errors.js';
import { resourceName, tagValue, toProviderMachine } from './instance.js';
import { deleteKeyPair, deleteSecurityGroup } from './machine-resources.js';
import { createAwsClients, type AwsProviderOptions } from './options.js';
import { listRegions, listSizes } from './offers.js';

/** The EC2 provider, with the extras only EC2 has. */
export interface AwsProvider extends Provider {
  readonly kind: 'aws';
  readonly name: string;
  readonly region: string;
  /** Waits (EC2's own waiter) until the instance runs, then returns it. TIMEOUT after `timeoutMs`. */
  waitUntilRunning(id: string, signal?: AbortSignal, timeoutMs?: number): Promise<ProviderMachine>;
  /** Frees the SDK clients' sockets. */
  close(): void;
}

/** Creates the provider for one AWS account and region. No call is made until a method runs. */
export function createAwsProvider(options: AwsProviderOptions): AwsProvider {
  const clients = createAwsClients(options);
  const { ec2 } = clients;
  const { name, region } = options;
  const maxDelay = Math.max(1, Math.round((options.maxPollIntervalMs ?? 5_000) / 1000));
  const send = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  /** Runs an SDK operation, turning AWS's expected failures into CrossdockErrors. */
  const guard = <T>(op: () => Promise<T>): Promise<T> => op().catch((error: unknown) => { throw toCrossdockError(error, name); });

  async function requireManaged(id: string, signal?: AbortSignal): Promise<Instance> {
    const instance = await describeManaged(ec2, id, signal);
    if (!instance) throw new CrossdockError('NOT_FOUND', `AWS (${name}) has no Crossdock machine ${id}`, { id });
    return instance;
  }

  return {
    kind: 'aws',
    name,
    region,
    verifyCredentials: (signal) => guard(async () => void (await ec2.send(new DescribeRegionsCommand({}), send(signal)))),
    regions: (signal) => guard(() => listRegions(ec2, region, signal)),
    sizes: (askedRegion, signal) => guard(async () => {
      if (askedRegion !== null && askedRegion !== region) {
        throw new CrossdockError('INVALID_ARGUMENT', `This AWS provider works in ${region}, not ${askedRegion}`, { region: askedRegion });
      }
      return listSizes(ec2, signal);
    }),
    create: (spec, signal) => guard(() => createMachine(clients, options, spec,
      async (machineName) => (await describeInstances(ec2, [MANAGED, LIVE_STATES, { Name: 'tag:Name', Values: [machineName] }], signal)).length > 0, signal)),
    get: (id, signal) => guard(async () => {
      const instance = await describeManaged(ec2, id, signal);
      return instance ? toProviderMachine(instance, region) : null;
    }),
    list: (signal) => guard(async () => (await describeInstances(ec2, [MANAGED, LIVE_STATES], signal)).map((i) => toProviderMachine(i, region))),
    hostKeyFingerprints: (id, signal) => guard(async () => {
      await requireManaged(id, signal);
      // EC2 fills the console some time after boot (minutes on some types): poll, but bounded.
      const deadline = Date.now() + (options.hostKeyTimeoutMs ?? 180_000);
      for (;;) {
        const out = await ec2.send(new GetConsoleOutputCommand({ InstanceId: id }), send(signal));
        const fingerprints = consoleHostKeyFingerprints(Buffer.from(out.Output ?? '', 'base64').toString('utf8'));
        if (fingerprints || Date.now() > deadline) return fingerprints;
        await sleep(2_000, undefined, signal ? { signal } : {});
      }
    }),
    start: (id, signal) => guard(async () => {
      await requireManaged(id, signal);
      await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }), send(signal));
    }),
    stop: (id, signal) => guard(async () => {
      await requireManaged(id, signal);
      await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }), send(signal));
    }),
    // Idempotent on a terminated machine: it still removes what an interrupted destroy left.
    destroy: (id, signal) => guard(async () => {
      const instance = await requireManaged(id, signal);
      // Named from the launch (KeyName), not the Name tag, which anyone may edit in the console.
      const ownName = instance.KeyName ?? resourceName(tagValue(instance.Tags, 'Name') ?? id);
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }), send(signal));
      // The security group can only go once no instance uses it.
      await waitUntilInstanceTerminated({ client: ec2, maxWaitTime: 600, minDelay: 1, maxDelay, ...send(signal) }, { InstanceIds: [id] });
      await deleteSecurityGroup(ec2, ownName, signal);
      await deleteKeyPair(ec2, ownName, signal);
    }),
    waitUntilRunning: (id, signal, timeoutMs = 600_000) => guard(async () => {
      await requireManaged(id, signal);
      try {
        await waitUntilInstanceRunning({ client: ec2, maxWaitTime: Math.ceil(timeoutMs / 1000), minDelay: 1, maxDelay, ...send(signal) }, { InstanceIds: [id] });
      } catch (error) {
        if (signal?.aborted) throw new CrossdockError('CANCELLED', `AWS (${name}): cancelled`, { id });
        throw new CrossdockError('TIMEOUT', `AWS (${name}): ${id} did not reach running (${error instanceof Error ? error.message.slice(0, 200) : 'waiter failed'})`, { id });
      }
      return toProviderMachine(await requireManaged(id, signal), region);
    }),
    close: () => clients.destroy(),
  };
}
