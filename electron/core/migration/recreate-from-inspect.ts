import type Dockerode from 'dockerode';

/** `docker inspect` of a container, with the fields dockerode's typings leave out. */
export type InspectedContainer = Dockerode.ContainerInspectInfo & {
  Config: Dockerode.ContainerInspectInfo['Config'] & {
    StopSignal?: string;
    StopTimeout?: number;
    Shell?: string[] | null;
  };
  HostConfig: Dockerode.HostConfig & { CgroupnsMode?: string };
};

export interface RecreateOptions {
  /** What the new container is created from: the reference when it names the same image id on the target, else the id. */
  image: string;
  /** Labels added to the copy (the migration id, so a crash never leaves an untraceable container). */
  extraLabels?: Record<string, string>;
}

/** A network the copy joins after creation (API versions before 1.44 take one network at create). */
export interface NetworkAttachment {
  network: string;
  aliases: string[];
  ipv4Address: string | null;
  ipv6Address: string | null;
}

/** How to make the same container on another host. */
export interface RecreateSpec {
  name: string;
  /** The body of `POST /containers/create` (`name` included, as dockerode takes it). */
  body: Dockerode.ContainerCreateOptions;
  /** Networks to connect after creating, besides the one in the body. */
  connect: NetworkAttachment[];
  /** Volumes it mounts (named and anonymous, by name): their data has to be there first. */
  volumes: string[];
  /** Host paths it bind-mounts: kept as binds, so they must exist on the target. */
  binds: string[];
  /** User-defined networks it needs on the target (not bridge, host, none). */
  networks: string[];
  /** Published ports as `[ip:]port/proto`, for the port check. */
  publishedPorts: { port: number; protocol: 'tcp' | 'udp'; hostIp: string | undefined }[];
  /** What cannot be kept as it is; the plan refuses the migration for these. */
  unsupported: string[];
  /** What is kept but may behave differently on the target. */
  warnings: string[];
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/**
 * HostConfig fields copied as they are. Left out on purpose: Binds, Mounts and VolumesFrom (the
 * mounts are rebuilt from `Mounts`, see below); MaskedPaths, ReadonlyPaths and CgroupnsMode (the
 * target engine's defaults apply, as for any new container there); ContainerIDFile and
 * ConsoleSize (meaningless for a detached copy); Links (legacy, reported as unsupported).
 */
const HOST_CONFIG_KEYS = [
  'AutoRemove',
  'LogConfig',
  'NetworkMode',
  'PortBindings',
  'PublishAllPorts',
  'RestartPolicy',
  'VolumeDriver',
  'CapAdd',
  'CapDrop',
  'Dns',
  'DnsOptions',
  'DnsSearch',
  'ExtraHosts',
  'GroupAdd',
  'IpcMode',
  'Cgroup',
  'OomScoreAdj',
  'PidMode',
  'Privileged',
  'ReadonlyRootfs',
  'SecurityOpt',
  'StorageOpt',
  'Tmpfs',
  'UTSMode',
  'UsernsMode',
  'ShmSize',
  'Sysctls',
  'Runtime',
  'Isolation',
  'CpuShares',
  'Memory',
  'NanoCpus',
  'CgroupParent',
  'BlkioWeight',
  'BlkioWeightDevice',
  'BlkioDeviceReadBps',
  'BlkioDeviceWriteBps',
  'BlkioDeviceReadIOps',
  'BlkioDeviceWriteIOps',
  'CpuPeriod',
  'CpuQuota',
  'CpuRealtimePeriod',
  'CpuRealtimeRuntime',
  'CpusetCpus',
  'CpusetMems',
  'Devices',
  'DeviceCgroupRules',
  'DeviceRequests',
  'MemoryReservation',
  'MemorySwap',
  'MemorySwappiness',
  'OomKillDisable',
  'PidsLimit',
  'Ulimits',
  'Init',
] as const satisfies readonly (keyof Dockerode.HostConfig)[];

/**
 * The create body that makes the same container on another engine, from the source's inspect
 * data alone (pure: no I/O). Kept: image, command, entrypoint, environment, published and exposed
 * ports, mounts, labels (compose's included, so a project stays a project), restart policy,
 * healthcheck, user, working directory, hostname when it was set, stop signal and timeout,
 * resource limits, capabilities, DNS and extra hosts, log settings, and networks with their
 * aliases (minus the source's container-id alias, which the target engine adds anew).
 *
 * Every volume is mounted by name, anonymous ones included: an anonymous volume left to the
 * target engine would start empty, and its data would be lost.
 */
export function recreateFromInspect(info: InspectedContainer, options: RecreateOptions): RecreateSpec {
  const name = info.Name.replace(/^\//, '');
  const shortId = info.Id.slice(0, 12);
  const config = info.Config;
  const unsupported: string[] = [];
  const warnings: string[] = [];

  const hostConfig: Dockerode.HostConfig = {};
  for (const key of HOST_CONFIG_KEYS) {
    const value = info.HostConfig[key];
    if (value !== null && value !== undefined) (hostConfig as Record<string, unknown>)[key] = value;
  }

  // Mounts, rebuilt from what the container really has mounted.
  const mounts: Dockerode.MountSettings[] = [];
  const volumes: string[] = [];
  const binds: string[] = [];
  for (const mount of info.Mounts) {
    if (mount.Type === 'volume' && mount.Name) {
      if (mount.Driver && mount.Driver !== 'local')
        unsupported.push(`volume ${mount.Name} uses the "${mount.Driver}" driver; only local volumes can be copied`);
      volumes.push(mount.Name);
      mounts.push({ Type: 'volume', Source: mount.Name, Target: mount.Destination, ReadOnly: !mount.RW });
    } else if (mount.Type === 'bind') {
      binds.push(mount.Source);
      const propagation =
        mount.Propagation && mount.Propagation !== 'rprivate'
          ? { BindOptions: { Propagation: mount.Propagation as Dockerode.MountPropagation } }
          : {};
      mounts.push({
        Type: 'bind',
        Source: mount.Source,
        Target: mount.Destination,
        ReadOnly: !mount.RW,
        ...propagation,
      });
    } else if (mount.Type === 'tmpfs') {
      // --mount type=tmpfs: its options are only in HostConfig.Mounts (--tmpfs is in HostConfig.Tmpfs, copied above).
      const given = info.HostConfig.Mounts?.find((m) => m.Type === 'tmpfs' && m.Target === mount.Destination);
      mounts.push(given ?? { Type: 'tmpfs', Source: '', Target: mount.Destination });
    } else {
      unsupported.push(`mount at ${mount.Destination} is of type ${mount.Type}`);
    }
  }
  if (mounts.length > 0) hostConfig.Mounts = mounts;
  if (info.HostConfig.VolumesFrom?.length)
    unsupported.push(`it uses --volumes-from ${(info.HostConfig.VolumesFrom as string[]).join(', ')}`);
  if (info.HostConfig.Links?.length) unsupported.push('it uses legacy --link; use a user-defined network instead');
  for (const [what, mode] of [
    ['network', info.HostConfig.NetworkMode],
    ['IPC', info.HostConfig.IpcMode],
    ['PID', info.HostConfig.PidMode],
  ] as const) {
    if (mode?.startsWith('container:'))
      unsupported.push(`it shares the ${what} namespace of another container (${mode})`);
  }
  if (info.HostConfig.AutoRemove)
    unsupported.push(
      'it was started with --rm: Docker removes it when it stops, so it could not be restarted if the migration had to roll back',
    );
  if (info.HostConfig.PublishAllPorts)
    warnings.push(`${name} publishes its ports on random host ports (-P): the target picks its own`);
  if (info.HostConfig.Devices?.length)
    warnings.push(
      `${name} uses host devices (${(info.HostConfig.Devices as { PathOnHost: string }[]).map((d) => d.PathOnHost).join(', ')}): they must exist on the target`,
    );

  // Networks: the one in NetworkMode at create, the others connected afterwards.
  const networkMode = info.HostConfig.NetworkMode ?? 'default';
  const primary = networkMode === 'default' ? 'bridge' : networkMode;
  const attachments: NetworkAttachment[] = Object.entries(info.NetworkSettings.Networks ?? {}).map(
    ([network, endpoint]) => {
      const ipam = endpoint.IPAMConfig as { IPv4Address?: string; IPv6Address?: string } | null | undefined;
      const aliases = ((endpoint.Aliases as string[] | null | undefined) ?? []).filter(
        (alias) => alias !== shortId && alias !== info.Id,
      );
      return { network, aliases, ipv4Address: ipam?.IPv4Address || null, ipv6Address: ipam?.IPv6Address || null };
    },
  );
  const first = attachments.find((a) => a.network === primary);
  const connect = attachments.filter((a) => a.network !== primary && !BUILTIN_NETWORKS.has(a.network));
  const networks = [...new Set([primary, ...connect.map((a) => a.network)])].filter(
    (n) => !BUILTIN_NETWORKS.has(n) && !n.startsWith('container:'),
  );

  const publishedPorts: RecreateSpec['publishedPorts'] = [];
  for (const [key, bindings] of Object.entries(
    (info.HostConfig.PortBindings ?? {}) as Record<string, { HostIp?: string; HostPort?: string }[] | null>,
  )) {
    const protocol = key.endsWith('/udp') ? 'udp' : 'tcp';
    for (const binding of bindings ?? []) {
      const port = Number(binding.HostPort);
      if (Number.isInteger(port) && port > 0)
        publishedPorts.push({ port, protocol, hostIp: binding.HostIp || undefined });
    }
  }

  const body: Dockerode.ContainerCreateOptions = {
    name,
    Image: options.image,
    // Docker names a container's host after its short id unless told otherwise; a set one is kept.
    ...(config.Hostname && config.Hostname !== shortId ? { Hostname: config.Hostname } : {}),
    ...(config.Domainname ? { Domainname: config.Domainname } : {}),
    ...(config.User ? { User: config.User } : {}),
    Env: config.Env ?? [],
    ...(config.Cmd ? { Cmd: config.Cmd } : {}),
    ...(config.Entrypoint !== null && config.Entrypoint !== undefined ? { Entrypoint: config.Entrypoint } : {}),
    ...(config.WorkingDir ? { WorkingDir: config.WorkingDir } : {}),
    Labels: { ...(config.Labels ?? {}), ...(options.extraLabels ?? {}) },
    ...(config.ExposedPorts ? { ExposedPorts: config.ExposedPorts } : {}),
    ...(config.Healthcheck ? { Healthcheck: config.Healthcheck } : {}),
    ...(config.StopSignal ? { StopSignal: config.StopSignal } : {}),
    ...(config.StopTimeout !== undefined && config.StopTimeout !== null ? { StopTimeout: config.StopTimeout } : {}),
    Tty: config.Tty,
    OpenStdin: config.OpenStdin,
    StdinOnce: config.StdinOnce,
    HostConfig: hostConfig,
    ...(first && !BUILTIN_NETWORKS.has(primary)
      ? { NetworkingConfig: { EndpointsConfig: { [primary]: endpointSettings(first) } } }
      : {}),
  };
  return { name, body, connect, volumes, binds, networks, publishedPorts, unsupported, warnings };
}

/** A network attachment as endpoint settings (at create, or for `network.connect` afterwards). */
export function endpointSettings(attachment: NetworkAttachment): Dockerode.EndpointSettings {
  const { ipv4Address, ipv6Address } = attachment;
  const ipam =
    ipv4Address || ipv6Address
      ? {
          IPAMConfig: {
            ...(ipv4Address ? { IPv4Address: ipv4Address } : {}),
            ...(ipv6Address ? { IPv6Address: ipv6Address } : {}),
          },
        }
      : {};
  return { ...(attachment.aliases.length > 0 ? { Aliases: attachment.aliases } : {}), ...ipam };
}
