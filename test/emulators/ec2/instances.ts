import { hostKeyFromUserData, installHostKeyScript } from '../cloud-init-host-key.js';
import { ServiceError } from './errors.js';
import { createMachine, readHostKeys, usedAddresses, waitForSsh, type MachineOptions } from './machines.js';
import { newId, type Ec2State, type Instance, type InstanceStateName } from './state.js';

/** What RunInstances asks for, already validated. */
export interface LaunchSpec {
  imageId: string;
  instanceType: string;
  architecture: string;
  keyName?: string;
  publicKey: string;
  groupIds: string[];
  zone: string;
  count: number;
  tags: Map<string, string>;
  /** The decoded UserData, if any (only its cloud-config host key is applied). */
  userData?: string | undefined;
}

/** Tunables of the instance lifecycle. */
export interface FleetOptions {
  machines: MachineOptions;
  /** Inclusive range of last octets handed out on the machine network (default 150–169). */
  addressPrefix: string;
  firstHost: number;
  lastHost: number;
  sshTimeoutMs: number;
  /** How long terminated instances stay listed (EC2: about an hour). */
  terminatedRetentionMs: number;
  /**
   * Addresses held by instances that still exist (stopped ones too), shared by the fleets of
   * every region: they all hand out addresses from the same range.
   */
  reserved: Set<string>;
}

/**
 * Drives instances through EC2's states with a real container behind each: pending until sshd
 * answers, stopping/stopped with the container stopped (disk and host keys kept),
 * shutting-down/terminated with the container removed.
 */
export class Fleet {
  private readonly abort = new AbortController();

  constructor(
    private readonly state: Ec2State,
    private readonly options: FleetOptions,
  ) {}

  /** Creates the instances (state pending) and boots their machines in the background. */
  async launch(spec: LaunchSpec): Promise<Instance[]> {
    const addresses = await this.allocate(spec.count);
    const reservationId = newId('r');
    const launched = addresses.map((address, amiLaunchIndex): Instance => {
      const instance: Instance = {
        instanceId: newId('i'),
        reservationId,
        imageId: spec.imageId,
        instanceType: spec.instanceType,
        architecture: spec.architecture,
        groupIds: spec.groupIds,
        zone: spec.zone,
        address,
        launchTime: new Date(),
        amiLaunchIndex,
        state: 'pending',
        busy: Promise.resolve(),
        ...(spec.keyName === undefined ? {} : { keyName: spec.keyName }),
      };
      this.state.instances.set(instance.instanceId, instance);
      for (const [k, v] of spec.tags) this.state.tagsOf(instance.instanceId).set(k, v);
      const hostKey = hostKeyFromUserData(spec.userData);
      this.transition(instance, async () => {
        instance.containerId = await createMachine(this.options.machines, {
          name: `crossdock-ec2-${instance.instanceId}`,
          hostname: `ip-${address.replaceAll('.', '-')}`,
          address,
          authorizedKey: spec.publicKey,
          instanceId: instance.instanceId,
          hostKeyScript: hostKey ? installHostKeyScript(hostKey) : undefined,
        });
        await this.boot(instance);
      });
      return instance;
    });
    return launched;
  }

  /** StartInstances for one instance; returns the previous state. */
  start(instance: Instance): InstanceStateName {
    const previous = instance.state;
    if (previous === 'running' || previous === 'pending') return previous;
    if (previous !== 'stopped') throw incorrectState(instance, 'started');
    instance.state = 'pending';
    this.transition(instance, async () => {
      await this.options.machines.docker.getContainer(this.containerOf(instance)).start();
      await this.boot(instance);
    });
    return previous;
  }

  /** StopInstances for one instance; returns the previous state. */
  stop(instance: Instance): InstanceStateName {
    const previous = instance.state;
    if (previous === 'stopped' || previous === 'stopping') return previous;
    if (previous !== 'running') throw incorrectState(instance, 'stopped');
    instance.state = 'stopping';
    this.transition(instance, async () => {
      await this.options.machines.docker.getContainer(this.containerOf(instance)).stop({ t: 5 });
      instance.state = 'stopped';
    });
    return previous;
  }

  /** TerminateInstances for one instance; returns the previous state. */
  terminate(instance: Instance): InstanceStateName {
    const previous = instance.state;
    if (previous === 'terminated' || previous === 'shutting-down') return previous;
    instance.state = 'shutting-down';
    // Wait for whatever is under way (a pending boot), then remove the machine for good.
    this.transition(instance, () => this.destroy(instance), true);
    return previous;
  }

  /** Instances still listed: terminated ones disappear after the retention time. */
  visible(): Instance[] {
    const cutoff = Date.now() - this.options.terminatedRetentionMs;
    return [...this.state.instances.values()].filter((i) => !i.terminatedAt || i.terminatedAt.getTime() > cutoff);
  }

  /** Stops background work and removes every machine this emulator made. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.all([...this.state.instances.values()].map((i) => i.busy));
    await Promise.all([...this.state.instances.values()].map((i) => this.destroy(i)));
  }

  private async boot(instance: Instance): Promise<void> {
    await waitForSsh(instance.address, this.options.sshTimeoutMs, this.abort.signal);
    instance.consoleOutput = consoleText(
      instance,
      await readHostKeys(this.options.machines.docker, this.containerOf(instance)),
    );
    if (instance.state === 'pending') instance.state = 'running';
  }

  private async destroy(instance: Instance): Promise<void> {
    if (instance.containerId) {
      await this.options.machines.docker
        .getContainer(instance.containerId)
        .remove({ force: true })
        .catch((error: unknown) => {
          // 404: already gone, which is what we want.
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        });
      delete instance.containerId;
    }
    if (instance.state !== 'terminated') {
      // Freed only now, once the container no longer holds it (and only once per instance).
      this.options.reserved.delete(instance.address);
      instance.state = 'terminated';
      instance.terminatedAt = new Date();
    }
  }

  private transition(instance: Instance, work: () => Promise<void>, afterPrevious = false): void {
    const previous = afterPrevious ? instance.busy : Promise.resolve();
    instance.busy = previous.then(work).catch((error: unknown) => {
      // A machine that failed to boot is reported like EC2 reports a failed launch.
      instance.stateReason = `Server.InternalError: ${error instanceof Error ? error.message : String(error)}`;
      return this.destroy(instance).catch(() => undefined);
    });
  }

  private containerOf(instance: Instance): string {
    if (!instance.containerId) throw new Error(`instance ${instance.instanceId} has no machine`);
    return instance.containerId;
  }

  private async allocate(count: number): Promise<string[]> {
    const taken = await usedAddresses(this.options.machines);
    // From here on synchronous: no other launch, in any region, can pick between check and reserve.
    for (const address of this.options.reserved) taken.add(address);
    const free: string[] = [];
    for (let host = this.options.firstHost; host <= this.options.lastHost && free.length < count; host++) {
      const address = `${this.options.addressPrefix}${host}`;
      if (!taken.has(address)) free.push(address);
    }
    if (free.length < count) {
      throw new ServiceError(
        'InsufficientInstanceCapacity',
        `There is not enough capacity for ${count} instance(s).`,
        500,
      );
    }
    for (const address of free) this.options.reserved.add(address);
    return free;
  }
}

function incorrectState(instance: Instance, wanted: string): ServiceError {
  return new ServiceError(
    'IncorrectInstanceState',
    `The instance '${instance.instanceId}' is not in a state from which it can be ${wanted}.`,
  );
}

/** The lines cloud-init writes to the serial console, with the machine's real host keys. */
function consoleText(instance: Instance, keys: { fingerprintLine: string; publicKeyLine: string }[]): string {
  const hostname = `ip-${instance.address.replaceAll('.', '-')}`;
  return [
    `[    0.000000] Linux version 6.1.0-37-cloud-amd64 (debian-kernel@lists.debian.org)`,
    `Cloud-init v. 22.4.2 running 'modules:final' at ${new Date().toUTCString()}.`,
    `ci-info: no authorized SSH keys fingerprints found for user admin.`,
    `<14>${new Date().toUTCString()} ec2: `,
    `<14>${new Date().toUTCString()} ec2: #############################################################`,
    `<14>${new Date().toUTCString()} ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----`,
    ...keys.map((k) => `<14>${new Date().toUTCString()} ec2: ${k.fingerprintLine}`),
    `<14>${new Date().toUTCString()} ec2: -----END SSH HOST KEY FINGERPRINTS-----`,
    `<14>${new Date().toUTCString()} ec2: #############################################################`,
    '-----BEGIN SSH HOST KEY KEYS-----',
    ...keys.map((k) => k.publicKeyLine),
    '-----END SSH HOST KEY KEYS-----',
    `Cloud-init v. 22.4.2 finished. Datasource DataSourceEc2Local. Up 5.12 seconds`,
    `${hostname} login: `,
    '',
  ].join('\n');
}
