import { machineTypes, zones } from './catalog.js';
import { alreadyExists, GceError, invalid, notFound } from './errors.js';
import { compileFilter } from './filter.js';
import { isValidName, lastSegment, numericId } from './ids.js';
import type { GrantedKey, Machines } from './machines.js';
import type { OperationResource, Operations } from './operations.js';
import { bootLog } from './serial-port.js';

type Json = Record<string, unknown>;

interface InstanceRecord {
  resource: Json;
  zone: string;
  containerName: string;
  address: string;
  serial: string;
}

/** Google's `ssh-keys` format: one `user:key-type base64 [comment]` per line. */
export function parseSshKeys(value: string): GrantedKey[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match =
        /^([a-z_][a-z0-9_.-]{0,31}):((?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+(?: [^\n']*)?)$/.exec(
          line,
        );
      if (!match?.[1] || !match[2])
        throw invalid(
          `Invalid value for field 'resource.metadata': ssh-keys line '${line.slice(0, 40)}…' is not 'user:key'.`,
        );
      return { user: match[1], key: match[2] };
    });
}

/**
 * Instances backed by rig machines. The resource JSON follows the Compute reference
 * (status PROVISIONING → STAGING → RUNNING, STOPPING → TERMINATED); slow steps run inside
 * operations, so a client sees the same asynchrony as on Google.
 */
export class Instances {
  private readonly records = new Map<string, InstanceRecord>();

  constructor(
    private readonly projectUrl: string,
    private readonly projectPath: string,
    private readonly operations: Operations,
    private readonly machines: Machines,
  ) {}

  insert(zone: string, body: Json): OperationResource {
    checkZone(zone);
    const name = body.name;
    if (!isValidName(name))
      throw invalid(
        `Invalid value for field 'resource.name': '${String(name)}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`,
      );
    const key = `${zone}/${name}`;
    if (this.records.has(key)) throw alreadyExists(`${this.projectPath}/zones/${zone}/instances/${name}`);
    if (typeof body.machineType !== 'string')
      throw invalid("Invalid value for field 'resource.machineType': ''. Machine type must be specified.");
    const machineType = lastSegment(body.machineType);
    if (!machineTypes.some((type) => type.name === machineType))
      throw invalid(
        `Invalid value for field 'resource.machineType': '${body.machineType}'. Machine type with name '${machineType}' does not exist in zone '${zone}'.`,
      );
    const metadataItems = ((body.metadata as Json | undefined)?.items ?? []) as { key?: string; value?: string }[];
    const sshKeys = parseSshKeys(metadataItems.find((item) => item.key === 'ssh-keys')?.value ?? '');
    const zoneUrl = `${this.projectUrl}/zones/${zone}`;
    const selfLink = `${zoneUrl}/instances/${name}`;
    const id = numericId();
    const record: InstanceRecord = {
      zone,
      containerName: `crossdock-gce-${zone}-${name}`,
      address: '',
      serial: '',
      resource: {
        kind: 'compute#instance',
        id,
        creationTimestamp: new Date().toISOString(),
        name,
        description: body.description ?? '',
        tags: { items: (body.tags as Json | undefined)?.items ?? [], fingerprint: fingerprint() },
        machineType: `${zoneUrl}/machineTypes/${machineType}`,
        status: 'PROVISIONING',
        zone: zoneUrl,
        networkInterfaces: [],
        disks: ((body.disks ?? []) as Json[]).map((disk, index) => ({
          kind: 'compute#attachedDisk',
          type: 'PERSISTENT',
          mode: 'READ_WRITE',
          index,
          boot: disk.boot ?? index === 0,
          autoDelete: disk.autoDelete ?? true,
          deviceName: disk.deviceName ?? `persistent-disk-${index}`,
          source: `${zoneUrl}/disks/${name}${index === 0 ? '' : `-${index}`}`,
          interface: 'SCSI',
          diskSizeGb: String((disk.initializeParams as Json | undefined)?.diskSizeGb ?? '10'),
        })),
        metadata: { kind: 'compute#metadata', fingerprint: fingerprint(), items: metadataItems },
        labels: body.labels ?? {},
        labelFingerprint: fingerprint(),
        selfLink,
        cpuPlatform: 'Intel Broadwell',
        fingerprint: fingerprint(),
      },
    };
    this.records.set(key, record);
    return this.operations.start({ projectUrl: this.projectUrl, zone }, 'insert', selfLink, id, async () => {
      try {
        record.address = await this.machines.allocateAddress();
        record.resource.networkInterfaces = [networkInterface(this.projectUrl, zone, record.address)];
        record.resource.status = 'STAGING';
        await this.machines.create(record.containerName, name, record.address);
        await this.machines.grantKeys(record.containerName, sshKeys);
        await this.boot(record);
      } catch (error) {
        // A failed insert leaves nothing behind, as on Google.
        this.records.delete(key);
        await this.machines.remove(record.containerName, record.address).catch(() => undefined);
        throw error instanceof GceError ? error : new GceError(500, 'internalError', `insert failed: ${String(error)}`);
      }
    });
  }

  get(zone: string, name: string): Json {
    return this.record(zone, name).resource;
  }

  list(zone: string, filter: string | undefined): Json {
    checkZone(zone);
    const matches = compileFilter(filter);
    const items = [...this.records.values()]
      .filter((r) => r.zone === zone)
      .map((r) => r.resource)
      .filter(matches);
    return {
      kind: 'compute#instanceList',
      id: `${this.projectPath}/zones/${zone}/instances`,
      items,
      selfLink: `${this.projectUrl}/zones/${zone}/instances`,
    };
  }

  /**
   * `aggregated/instances`: every zone as a scope `zones/<zone>`, holding `{instances}` when
   * something matches there and Google's NO_RESULTS_ON_PAGE `{warning}` otherwise.
   */
  aggregatedList(filter: string | undefined): Json {
    const matches = compileFilter(filter);
    const items: Record<string, Json> = {};
    for (const { name: zone } of zones) {
      const scope = `zones/${zone}`;
      const found = [...this.records.values()]
        .filter((r) => r.zone === zone)
        .map((r) => r.resource)
        .filter(matches);
      items[scope] =
        found.length > 0
          ? { instances: found }
          : {
              warning: {
                code: 'NO_RESULTS_ON_PAGE',
                message: `There are no results for scope '${scope}' on this page.`,
                data: [{ key: 'scope', value: scope }],
              },
            };
    }
    return {
      kind: 'compute#instanceAggregatedList',
      id: `${this.projectPath}/aggregated/instances`,
      items,
      selfLink: `${this.projectUrl}/aggregated/instances`,
    };
  }

  delete(zone: string, name: string): OperationResource {
    const record = this.record(zone, name);
    record.resource.status = 'STOPPING';
    return this.operations.start(
      { projectUrl: this.projectUrl, zone },
      'delete',
      String(record.resource.selfLink),
      String(record.resource.id),
      async () => {
        await this.machines.remove(record.containerName, record.address);
        this.records.delete(`${zone}/${name}`);
      },
    );
  }

  stop(zone: string, name: string): OperationResource {
    const record = this.record(zone, name);
    record.resource.status = 'STOPPING';
    return this.operations.start(
      { projectUrl: this.projectUrl, zone },
      'stop',
      String(record.resource.selfLink),
      String(record.resource.id),
      async () => {
        await this.machines.stop(record.containerName);
        record.resource.status = 'TERMINATED';
      },
    );
  }

  start(zone: string, name: string): OperationResource {
    const record = this.record(zone, name);
    if (record.resource.status !== 'TERMINATED') {
      // Google answers a start of a running instance with a no-op DONE operation.
      return this.operations.start(
        { projectUrl: this.projectUrl, zone },
        'start',
        String(record.resource.selfLink),
        String(record.resource.id),
        async () => undefined,
      );
    }
    record.resource.status = 'STAGING';
    return this.operations.start(
      { projectUrl: this.projectUrl, zone },
      'start',
      String(record.resource.selfLink),
      String(record.resource.id),
      async () => {
        await this.machines.start(record.containerName);
        await this.boot(record);
      },
    );
  }

  /** Serial port 1 from byte `start` on, as `getSerialPortOutput` answers. */
  serialPort(zone: string, name: string, start: number): Json {
    const record = this.record(zone, name);
    const from = Math.max(0, Math.min(start, record.serial.length));
    return {
      kind: 'compute#serialPortOutput',
      contents: record.serial.slice(from),
      start: String(from),
      next: String(record.serial.length),
      selfLink: `${String(record.resource.selfLink)}/serialPort`,
    };
  }

  /** Container names, for tests that look at the machines out of band. */
  containerName(zone: string, name: string): string {
    return this.record(zone, name).containerName;
  }

  private async boot(record: InstanceRecord): Promise<void> {
    await this.machines.waitForSsh(record.address);
    // Read after sshd answers: the machine's start script has made its keys by then.
    const hostKeys = await this.machines.hostKeys(record.containerName);
    record.serial += bootLog(String(record.resource.name), hostKeys);
    record.resource.status = 'RUNNING';
    record.resource.lastStartTimestamp = new Date().toISOString();
  }

  private record(zone: string, name: string): InstanceRecord {
    checkZone(zone);
    const record = this.records.get(`${zone}/${name}`);
    if (!record) throw notFound(`${this.projectPath}/zones/${zone}/instances/${name}`);
    return record;
  }
}

function checkZone(zone: string): void {
  if (!zones.some((known) => known.name === zone))
    throw invalid(`Invalid value for field 'zone': '${zone}'. Unknown zone.`);
}

function networkInterface(projectUrl: string, zone: string, address: string): Json {
  const region = zones.find((known) => known.name === zone)?.region ?? '';
  return {
    kind: 'compute#networkInterface',
    name: 'nic0',
    network: `${projectUrl}/global/networks/default`,
    subnetwork: `${projectUrl}/regions/${region}/subnetworks/default`,
    networkIP: address,
    stackType: 'IPV4_ONLY',
    // The rig network has one address per machine, so the "external" NAT address is the same.
    accessConfigs: [
      {
        kind: 'compute#accessConfig',
        type: 'ONE_TO_ONE_NAT',
        name: 'External NAT',
        natIP: address,
        networkTier: 'PREMIUM',
      },
    ],
    fingerprint: fingerprint(),
  };
}

function fingerprint(): string {
  return Buffer.from(numericId()).toString('base64').slice(0, 12);
}
