// The Provider for AWS EC2 (SDK v3). One provider object = one account with a default region;
// machines may be created in any of the account's regions (clients per region, made on demand)
// and are found by the `crossdock=managed` tag in every enabled region, so any laptop holding
// the credentials sees the same ones.
import {
  DescribeRegionsCommand,
  GetConsoleOutputCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceTerminated,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { setTimeout as sleep } from 'node:timers/promises';
import { CrossdockError } from '../../../../shared/errors.js';
import type { Provider, ProviderMachine } from '../provider.js';
import { consoleHostKeyFingerprints } from './console-host-keys.js';
import { checkMachineName, createMachine } from './create-machine.js';
import { describeInstances, describeManaged, LIVE_STATES, MANAGED } from './describe-instances.js';
import { awsErrorName, toCrossdockError } from './errors.js';
import { resourceName, TAGS, tagValue, toProviderMachine } from './instance.js';
import { deleteKeyPair, deleteSecurityGroup } from './machine-resources.js';
import { enabledRegions, listRegions, listSizes } from './offers.js';
import { regionalClients, type AwsProviderOptions } from './options.js';
import { parseMachineId, placementFor, type Placement } from './placement.js';

// Refusals that mean "these credentials may not look in this region" (an SCP, a region not opted in).
const REGION_REFUSALS = new Set(['UnauthorizedOperation', 'AuthFailure', 'OptInRequired']);

/** The EC2 provider, with the extras only EC2 has. */
export interface AwsProvider extends Provider {
  readonly kind: 'aws';
  readonly name: string;
  /** The default region (machines whose spec names none). */
  readonly region: string;
  /** Waits (EC2's own waiter) until the instance runs, then returns it. TIMEOUT after `timeoutMs`. */
  waitUntilRunning(id: string, signal?: AbortSignal, timeoutMs?: number): Promise<ProviderMachine>;
  /** Frees the SDK clients' sockets. */
  close(): void;
}

/** Creates the provider for one AWS account. No call is made until a method runs. */
export function createAwsProvider(options: AwsProviderOptions): AwsProvider {
  const clients = regionalClients(options);
  const { name, region } = options;
  const home = (): EC2Client => clients.in(region).ec2;
  const maxDelay = Math.max(1, Math.round((options.maxPollIntervalMs ?? 5_000) / 1000));
  const send = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  /** Runs an SDK operation, turning AWS's expected failures into CrossdockErrors. */
  const guard = <T>(op: () => Promise<T>): Promise<T> =>
    op().catch((error: unknown) => {
      throw toCrossdockError(error, name);
    });

  // The account's enabled regions, asked once per provider and shared by concurrent callers
  // (so no caller's signal is passed: one cancelling must not fail the others).
  let regionList: Promise<string[]> | null = null;
  async function regionNames(signal?: AbortSignal): Promise<string[]> {
    signal?.throwIfAborted();
    regionList ??= enabledRegions(home()).catch((error: unknown) => {
      regionList = null;
      throw error;
    });
    const names = await regionList;
    signal?.throwIfAborted();
    // The default region first, and always (a custom endpoint may list none).
    return [region, ...names.filter((r) => r !== region)];
  }

  /** Where a spec's region (null, a region or a zone) points; INVALID_ARGUMENT when nowhere. */
  async function place(asked: string | null, signal?: AbortSignal): Promise<Placement> {
    const placement = placementFor(asked, region, [region]) ?? placementFor(asked, region, await regionNames(signal));
    if (!placement) {
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `AWS (${name}) has no region or zone ${asked ?? ''}; its regions are ${(await regionNames(signal)).join(', ')}`,
        { region: asked },
      );
    }
    return placement;
  }

  /** The managed instance behind a machine id, with its region's clients. NOT_FOUND otherwise. */
  async function requireManaged(
    id: string,
    signal?: AbortSignal,
  ): Promise<{ instance: Instance; ec2: EC2Client; region: string }> {
    const where = parseMachineId(id, region);
    const instance = where ? await describeManaged(clients.in(where.region).ec2, where.instanceId, signal) : null;
    if (!where || !instance)
      throw new CrossdockError('NOT_FOUND', `AWS (${name}) has no Crossdock machine ${id}`, { id });
    return { instance, ec2: clients.in(where.region).ec2, region: where.region };
  }

  return {
    kind: 'aws',
    name,
    region,
    verifyCredentials: (signal) =>
      guard(async () => void (await home().send(new DescribeRegionsCommand({}), send(signal)))),
    regions: (signal) => guard(() => listRegions(home(), region, signal)),
    sizes: (asked, signal) => guard(async () => listSizes(clients.in((await place(asked, signal)).region).ec2, signal)),
    create: (spec, signal) =>
      guard(async () => {
        checkMachineName(spec.name);
        const placement = await place(spec.region, signal);
        const regional = clients.in(placement.region);
        const nameTaken = async (machineName: string): Promise<boolean> =>
          (
            await describeInstances(
              regional.ec2,
              [MANAGED, LIVE_STATES, { Name: 'tag:Name', Values: [machineName] }],
              signal,
            )
          ).length > 0;
        return createMachine(regional, options, spec, placement, nameTaken, signal);
      }),
    get: (id, signal) =>
      guard(async () => {
        const where = parseMachineId(id, region);
        const instance = where ? await describeManaged(clients.in(where.region).ec2, where.instanceId, signal) : null;
        return where && instance ? toProviderMachine(instance, where.region) : null;
      }),
    // Every enabled region, at once: a machine made from another laptop, in any region, is found.
    list: (signal) =>
      guard(async () => {
        const perRegion = await Promise.all(
          (await regionNames(signal)).map(async (r) => {
            try {
              return (await describeInstances(clients.in(r).ec2, [MANAGED, LIVE_STATES], signal)).map((i) =>
                toProviderMachine(i, r),
              );
            } catch (error) {
              // A region an organisation policy closes to these credentials holds none of their
              // machines; the default region must answer, so bad credentials still fail the list.
              if (r !== region && REGION_REFUSALS.has(awsErrorName(error) ?? '')) return [];
              throw error;
            }
          }),
        );
        return perRegion.flat();
      }),
    hostKeyFingerprints: (id, signal) =>
      guard(async () => {
        const { instance, ec2 } = await requireManaged(id, signal);
        // A host key Crossdock chose is known without asking the machine.
        const chosen = tagValue(instance.Tags, TAGS.hostKey);
        if (chosen) return [chosen];
        // EC2 fills the console some time after boot (minutes on some types): poll, but bounded.
        const deadline = Date.now() + (options.hostKeyTimeoutMs ?? 180_000);
        for (;;) {
          const out = await ec2.send(new GetConsoleOutputCommand({ InstanceId: instance.InstanceId }), send(signal));
          const fingerprints = consoleHostKeyFingerprints(Buffer.from(out.Output ?? '', 'base64').toString('utf8'));
          if (fingerprints || Date.now() > deadline) return fingerprints;
          await sleep(2_000, undefined, signal ? { signal } : {});
        }
      }),
    start: (id, signal) =>
      guard(async () => {
        const { instance, ec2 } = await requireManaged(id, signal);
        await ec2.send(new StartInstancesCommand({ InstanceIds: [instance.InstanceId ?? ''] }), send(signal));
      }),
    stop: (id, signal) =>
      guard(async () => {
        const { instance, ec2 } = await requireManaged(id, signal);
        await ec2.send(new StopInstancesCommand({ InstanceIds: [instance.InstanceId ?? ''] }), send(signal));
      }),
    // Idempotent on a terminated machine: it still removes what an interrupted destroy left.
    destroy: (id, signal) =>
      guard(async () => {
        const { instance, ec2 } = await requireManaged(id, signal);
        const InstanceIds = [instance.InstanceId ?? ''];
        // Named from the launch (KeyName), not the Name tag, which anyone may edit in the console.
        const ownName = instance.KeyName ?? resourceName(tagValue(instance.Tags, 'Name') ?? InstanceIds[0] ?? '');
        await ec2.send(new TerminateInstancesCommand({ InstanceIds }), send(signal));
        // The security group can only go once no instance uses it.
        await waitUntilInstanceTerminated(
          { client: ec2, maxWaitTime: 600, minDelay: 1, maxDelay, ...send(signal) },
          { InstanceIds },
        );
        await deleteSecurityGroup(ec2, ownName, signal);
        await deleteKeyPair(ec2, ownName, signal);
      }),
    waitUntilRunning: (id, signal, timeoutMs = 600_000) =>
      guard(async () => {
        const { instance, ec2, region: where } = await requireManaged(id, signal);
        const InstanceIds = [instance.InstanceId ?? ''];
        try {
          await waitUntilInstanceRunning(
            { client: ec2, maxWaitTime: Math.ceil(timeoutMs / 1000), minDelay: 1, maxDelay, ...send(signal) },
            { InstanceIds },
          );
        } catch (error) {
          if (signal?.aborted) throw new CrossdockError('CANCELLED', `AWS (${name}): cancelled`, { id });
          throw new CrossdockError(
            'TIMEOUT',
            `AWS (${name}): ${id} did not reach running (${error instanceof Error ? error.message.slice(0, 200) : 'waiter failed'})`,
            { id },
          );
        }
        return toProviderMachine((await requireManaged(id, signal)).instance, where);
      }),
    close: () => clients.destroy(),
  };
}
