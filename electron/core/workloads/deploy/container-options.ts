import type Dockerode from 'dockerode';
import type { ContainerOptions, ServiceSpec } from '../compose/compose-model.js';

/** The typings lack CgroupnsMode (Engine API 1.41). */
type HostConfig = NonNullable<Dockerode.ContainerCreateOptions['HostConfig']> & { CgroupnsMode?: string };

/** The Config and HostConfig fields a service's options set, as docker compose's getCreateConfigs sets them. */
export interface OptionSettings {
  config: Partial<Dockerode.ContainerCreateOptions>;
  host: Partial<HostConfig>;
}

/**
 * Maps the options onto the create request. A field appears only when the file set the key
 * that feeds it, where compose sends the Go zero value: the engine reads both the same way.
 * `sharedContainers` gives the container id of each service named by a `service:NAME` mode.
 */
export function optionSettings(
  options: ContainerOptions,
  sharedContainers: Readonly<Record<string, string>>,
): OptionSettings {
  const config: Partial<Dockerode.ContainerCreateOptions> = {};
  const host: Partial<HostConfig> = {};
  const shared = (mode: string): string =>
    mode.startsWith('service:') ? `container:${sharedContainers[mode.slice('service:'.length)] ?? ''}` : mode;

  if (options.hostname !== undefined) config.Hostname = options.hostname;
  if (options.domainname !== undefined) config.Domainname = options.domainname;
  if (options.tty !== undefined) config.Tty = options.tty;
  if (options.stdinOpen !== undefined) config.OpenStdin = options.stdinOpen;
  if (options.stopSignal !== undefined) config.StopSignal = options.stopSignal;
  // Go's int(Duration.Seconds()): whole seconds, truncated.
  if (options.stopGracePeriod !== undefined) config.StopTimeout = Math.trunc(options.stopGracePeriod / 1e9);

  if (options.capAdd) host.CapAdd = options.capAdd;
  if (options.capDrop) host.CapDrop = options.capDrop;
  if (options.privileged !== undefined) host.Privileged = options.privileged;
  if (options.init !== undefined) host.Init = options.init;
  if (options.readOnly !== undefined) host.ReadonlyRootfs = options.readOnly;
  if (options.sysctls) host.Sysctls = options.sysctls;
  if (options.shmSize !== undefined) host.ShmSize = options.shmSize;
  if (options.tmpfs) host.Tmpfs = tmpfsMap(options.tmpfs);
  if (options.dns) host.Dns = options.dns;
  if (options.dnsSearch) host.DnsSearch = options.dnsSearch;
  if (options.dnsOpt) host.DnsOptions = options.dnsOpt;
  if (options.extraHosts) host.ExtraHosts = options.extraHosts;
  if (options.groupAdd) host.GroupAdd = options.groupAdd;
  if (options.oomScoreAdj !== undefined) host.OomScoreAdj = options.oomScoreAdj;
  if (options.pid !== undefined) host.PidMode = shared(options.pid);
  if (options.ipc !== undefined) host.IpcMode = shared(options.ipc);
  if (options.networkMode !== undefined) host.NetworkMode = shared(options.networkMode);
  if (options.securityOpt) {
    host.SecurityOpt = options.securityOpt.filter((o) => o !== 'systempaths=unconfined');
    if (options.securityOpt.includes('systempaths=unconfined')) {
      host.MaskedPaths = [];
      host.ReadonlyPaths = [];
    }
  }
  if (options.logging) {
    host.LogConfig = {
      Type: options.logging.driver ?? '',
      ...(options.logging.options ? { Config: options.logging.options } : {}),
    } as HostConfig['LogConfig'];
  }
  if (options.ulimits) {
    host.Ulimits = Object.entries(options.ulimits).map(([Name, u]) => ({ Name, Soft: u.soft, Hard: u.hard }));
  }
  if (options.runtime !== undefined) host.Runtime = options.runtime;
  if (options.devices) host.Devices = options.devices.map(deviceMapping);
  if (options.deviceCgroupRules) host.DeviceCgroupRules = options.deviceCgroupRules;
  if (options.usernsMode !== undefined) host.UsernsMode = options.usernsMode;
  if (options.uts !== undefined) host.UTSMode = options.uts;
  if (options.cgroup !== undefined) host.CgroupnsMode = options.cgroup;
  if (options.cgroupParent !== undefined) host.CgroupParent = options.cgroupParent;
  if (options.oomKillDisable !== undefined) host.OomKillDisable = options.oomKillDisable;
  if (options.volumesFrom) {
    // As compose's resolveVolumeFrom: the container's name or id alone (the :ro/:rw is dropped).
    host.VolumesFrom = options.volumesFrom.map((entry) => {
      const [first, second] = entry.split(':');
      return first === 'container' ? (second ?? '') : (sharedContainers[first ?? ''] ?? '');
    });
  }
  if (options.storageOpt) host.StorageOpt = options.storageOpt;
  if (options.blkio) Object.assign(host, blkio(options.blkio));
  Object.assign(host, resources(options));
  return { config, host };
}

/** compose's setBlkio. */
function blkio(spec: NonNullable<ContainerOptions['blkio']>): Partial<HostConfig> {
  const throttle = (list: { path: string; rate: number }[] | undefined) =>
    list?.map((d) => ({ Path: d.path, Rate: d.rate }));
  const out: Partial<HostConfig> = {};
  if (spec.weight !== undefined) out.BlkioWeight = spec.weight;
  if (spec.weightDevice) out.BlkioWeightDevice = spec.weightDevice.map((d) => ({ Path: d.path, Weight: d.weight }));
  if (spec.deviceReadBps) out.BlkioDeviceReadBps = throttle(spec.deviceReadBps);
  if (spec.deviceReadIops) out.BlkioDeviceReadIOps = throttle(spec.deviceReadIops);
  if (spec.deviceWriteBps) out.BlkioDeviceWriteBps = throttle(spec.deviceWriteBps);
  if (spec.deviceWriteIops) out.BlkioDeviceWriteIOps = throttle(spec.deviceWriteIops);
  return out;
}

/** compose's getDeployResources: the service keys, then deploy.resources over them. */
function resources(options: ContainerOptions): Partial<HostConfig> {
  const out: Partial<HostConfig> = {};
  if (options.cpus !== undefined) out.NanoCpus = nanoCpus(options.cpus);
  if (options.cpuShares !== undefined) out.CpuShares = options.cpuShares;
  if (options.cpuset !== undefined) out.CpusetCpus = options.cpuset;
  if (options.memLimit !== undefined) out.Memory = options.memLimit;
  if (options.memReservation !== undefined) out.MemoryReservation = options.memReservation;
  if (options.memswapLimit !== undefined) out.MemorySwap = options.memswapLimit;
  if (options.pidsLimit !== undefined && options.pidsLimit !== 0) out.PidsLimit = options.pidsLimit;
  if (options.cpuPeriod !== undefined) out.CpuPeriod = options.cpuPeriod;
  if (options.cpuQuota !== undefined) out.CpuQuota = options.cpuQuota;
  if (options.cpuRtPeriod !== undefined) out.CpuRealtimePeriod = options.cpuRtPeriod;
  if (options.cpuRtRuntime !== undefined) out.CpuRealtimeRuntime = options.cpuRtRuntime;
  // Compose sends no swappiness for 0 (its "unset"), so the engine's default applies.
  if (options.memSwappiness) out.MemorySwappiness = options.memSwappiness;
  const { limits, reservations } = options;
  if (limits?.memory) out.Memory = limits.memory;
  if (limits?.cpus) out.NanoCpus = nanoCpus(limits.cpus);
  if (limits?.pids !== undefined && limits.pids > 0) out.PidsLimit = limits.pids;
  if (reservations?.memory) out.MemoryReservation = reservations.memory;
  return out;
}

/** int64(float32 × 1e9), as Go computes it from compose-go's float32 CPU count. */
function nanoCpus(cpus: number): number {
  return Math.trunc(Math.fround(Math.fround(cpus) * 1e9));
}

/** `HOST[:CONTAINER[:PERMISSIONS]]`, as compose splits it (the container path defaults to the host's). */
function deviceMapping(entry: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const [source = '', target, permissions] = entry.split(':');
  return { PathOnHost: source, PathInContainer: target || source, CgroupPermissions: permissions ?? 'rwm' };
}

function tmpfsMap(entries: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf(':');
    if (at < 0) map[entry] = '';
    else map[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return map;
}

/** The engine's restart policy: deploy.restart_policy over restart:, mapped as compose maps it. */
export function restartPolicy(service: ServiceSpec): { Name: string; MaximumRetryCount?: number } {
  const policy = service.options.restartPolicy;
  if (policy) {
    const names: Record<string, string> = { none: 'no', any: 'always', 'on-failure': 'on-failure' };
    return {
      Name: policy.condition === null ? '' : (names[policy.condition] ?? policy.condition),
      MaximumRetryCount: policy.maxAttempts ?? 0,
    };
  }
  const onFailure = /^on-failure:(\d+)$/.exec(service.restart ?? '');
  return onFailure ? { Name: 'on-failure', MaximumRetryCount: Number(onFailure[1]) } : { Name: service.restart ?? '' };
}

/** Services whose container this one needs the id of: a shared namespace (`service:NAME`), volumes_from. */
export function sharedServices(options: ContainerOptions): string[] {
  const modes = [options.networkMode, options.pid, options.ipc]
    .filter((mode): mode is string => mode?.startsWith('service:') === true)
    .map((mode) => mode.slice('service:'.length));
  const volumes = (options.volumesFrom ?? [])
    .filter((entry) => !entry.startsWith('container:'))
    .map((entry) => entry.split(':')[0] ?? entry);
  return [...new Set([...modes, ...volumes])];
}
