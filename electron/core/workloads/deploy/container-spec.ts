import type Dockerode from 'dockerode';
import type { ComposeFile, ServiceNetwork, ServiceSpec } from '../compose/compose-model.js';
import { COMPOSE_VERSION, dependsOnLabel, LABEL } from './compose-labels.js';
import { optionSettings, restartPolicy } from './container-options.js';

/** Network and volume names on the host for a project's keys, as docker compose names them. */
export interface ResourceNames {
  networks: Record<string, string>;
  volumes: Record<string, string>;
}

export function resourceNames(project: string, file: ComposeFile): ResourceNames {
  const networks: Record<string, string> = { default: `${project}_default` };
  for (const [key, spec] of Object.entries(file.networks))
    networks[key] = spec.name ?? (spec.external ? key : `${project}_${key}`);
  const volumes: Record<string, string> = {};
  for (const [key, spec] of Object.entries(file.volumes))
    volumes[key] = spec.name ?? (spec.external ? key : `${project}_${key}`);
  return { networks, volumes };
}

/** The service's container_name, else compose's `PROJECT-SERVICE-1`. */
export function containerName(project: string, service: string, spec?: ServiceSpec): string {
  return spec?.options.containerName ?? `${project}-${service}-1`;
}

/**
 * The image a service's container runs: its `image:`, else (a service that only builds) the
 * name docker compose gives a built image, `PROJECT-SERVICE` (GetImageNameOrDefault in compose's
 * pkg/api, with its `-` separator).
 */
export function serviceImage(project: string, service: string, spec: ServiceSpec): string {
  return spec.image ?? `${project}-${service}`;
}

/** What else goes into a container besides its service's spec. */
export interface ContainerContext {
  project: string;
  service: string;
  environment: Record<string, string>;
  names: ResourceNames;
  configHash: string;
  imageId: string;
  configFile: string | null;
  workingDir: string | null;
  /** Host ports moved by --auto-ports: `${target}/${protocol}/${wanted}` → assigned. */
  portOverrides: ReadonlyMap<string, number>;
  /** Container id of each service this one shares a namespace with (`network_mode: service:NAME`). */
  sharedContainers?: Readonly<Record<string, string>>;
  /** Container name of each service this one links to (`links:`). */
  linkedContainers?: Readonly<Record<string, string>>;
  /** The engine's API version, where the request's shape depends on it (mac_address). */
  apiVersion?: string;
}

/** Engine API 1.44 moved the MAC address from the container's Config to its network endpoint. */
export function macOnEndpoint(apiVersion: string | undefined): boolean {
  const [major = 0, minor = 0] = (apiVersion ?? '0.0').split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 44);
}

/**
 * `links` and `external_links` as docker compose's getLinks writes them: a linked service's
 * container under its alias, `SERVICE-N` and `PROJECT-SERVICE-N` (N the linking container's
 * number, as compose does), then each external container under its alias.
 */
export function composeLinks(
  service: ServiceSpec,
  project: string,
  linkedContainers: Readonly<Record<string, string>>,
): string[] {
  const links: string[] = [];
  for (const link of service.options.links ?? []) {
    const [target = link, alias = target] = link.split(':');
    const container = linkedContainers[target];
    if (container === undefined) continue;
    links.push(`${container}:${alias}`, `${container}:${target}-1`, `${container}:${project}-${target}-1`);
  }
  for (const link of service.options.externalLinks ?? []) {
    const [container = link, alias = container] = link.split(':');
    links.push(`${container}:${alias}`);
  }
  return links;
}

export function portOverrideKey(target: number, protocol: string, wanted: number): string {
  return `${target}/${protocol}/${wanted}`;
}

/**
 * The Docker API's create options for a service's container. Only the first network can be
 * given at create time on engines before API 1.44; the rest are connected before start
 * ({@link extraNetworks}).
 */
export function containerCreateOptions(
  service: ServiceSpec,
  context: ContainerContext,
): Dockerode.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  for (const port of service.options.expose ?? []) exposed[port] = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of service.ports) {
    const key = `${port.target}/${port.protocol}`;
    exposed[key] = {};
    const published =
      port.published === null
        ? null
        : (context.portOverrides.get(portOverrideKey(port.target, port.protocol, port.published)) ?? port.published);
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: published === null ? '' : String(published) });
  }
  const binds: string[] = [];
  const mounts: Dockerode.MountSettings[] = [];
  for (const mount of service.volumes) {
    if (mount.type === 'bind' && mount.createHostPath && mount.source) {
      // -v style binds create a missing host directory, as docker compose does by default; its
      // bind string always names the access mode (compose-go's ServiceVolumeConfig.String).
      const options = [mount.readOnly ? 'ro' : 'rw', ...(mount.selinux ? [mount.selinux] : [])];
      binds.push(`${mount.source}:${mount.target}:${options.join(',')}`);
    } else if (mount.type === 'bind' && mount.source) {
      mounts.push({ Type: 'bind', Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly });
    } else {
      const source = mount.source === null ? '' : (context.names.volumes[mount.source] ?? mount.source);
      mounts.push({
        Type: 'volume',
        Source: source,
        Target: mount.target,
        ReadOnly: mount.readOnly,
        ...(mount.noCopy ? { VolumeOptions: noCopy } : mount.volumeOptions ? { VolumeOptions: noOptions } : {}),
      });
    }
  }
  const [firstNetwork] = networksByPriority(service);
  const networkName = firstNetwork ? (context.names.networks[firstNetwork[0]] ?? firstNetwork[0]) : undefined;
  const name = containerName(context.project, context.service, service);
  const settings = optionSettings(service.options, context.sharedContainers ?? {});
  const links = composeLinks(service, context.project, context.linkedContainers ?? {});
  // docker compose's prepareContainerMACAddress, for a service-level mac_address.
  const mac = service.options.macAddress;
  const macInConfig = mac !== undefined && !macOnEndpoint(context.apiVersion);
  const labels: Record<string, string> = {
    ...service.labels,
    [LABEL.project]: context.project,
    [LABEL.service]: context.service,
    [LABEL.containerNumber]: '1',
    [LABEL.oneoff]: 'False',
    [LABEL.configHash]: context.configHash,
    [LABEL.configFiles]: context.configFile ?? '',
    [LABEL.workingDir]: context.workingDir ?? '',
    [LABEL.version]: COMPOSE_VERSION,
    [LABEL.dependsOn]: dependsOnLabel(service.dependsOn),
    [LABEL.image]: context.imageId,
    [LABEL.managed]: 'true',
  };
  return {
    name,
    // A query parameter of the create request (dockerode sends options there too).
    ...(service.options.platform ? { platform: service.options.platform } : {}),
    Image: serviceImage(context.project, context.service, service),
    ...(service.command ? { Cmd: service.command } : {}),
    ...(service.entrypoint ? { Entrypoint: service.entrypoint } : {}),
    Env: Object.entries(context.environment).map(([key, value]) => `${key}=${value}`),
    Labels: labels,
    ...(service.user ? { User: service.user } : {}),
    ...(service.workingDir ? { WorkingDir: service.workingDir } : {}),
    // docker compose asks for both streams to be attachable whether or not it attaches.
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: exposed,
    ...(service.healthcheck ? { Healthcheck: healthcheck(service.healthcheck) } : {}),
    ...settings.config,
    ...(macInConfig ? { MacAddress: mac } : {}),
    HostConfig: {
      PortBindings: bindings,
      // As docker compose sends them: no Binds field without binds, an empty ExtraHosts list,
      // and no restart policy name when the file sets none (the engine's default, "no").
      ...(binds.length > 0 ? { Binds: binds } : {}),
      Mounts: mounts,
      ExtraHosts: [],
      RestartPolicy: restartPolicy(service),
      ...(networkName ? { NetworkMode: networkName } : {}),
      ...settings.host,
      ...(links.length > 0 ? { Links: links } : {}),
    },
    ...(networkName && firstNetwork
      ? {
          NetworkingConfig: {
            EndpointsConfig: {
              [networkName]: {
                ...endpoint(name, context.service, firstNetwork[1], links),
                ...(mac !== undefined && !macInConfig ? { MacAddress: mac } : {}),
              },
            },
          },
        }
      : {}),
  };
}

/**
 * A service's networks in the order docker compose takes them: higher priority first, then by
 * key. The first is the container's NetworkMode; the rest are connected before it starts.
 */
export function networksByPriority(service: ServiceSpec): [string, ServiceNetwork][] {
  return Object.entries(service.networks).sort(([a, x], [b, y]) =>
    (x.priority ?? 0) !== (y.priority ?? 0) ? (y.priority ?? 0) - (x.priority ?? 0) : a < b ? -1 : a > b ? 1 : 0,
  );
}

/**
 * One network endpoint as docker compose asks for it: the container's name, then the service's,
 * then the file's aliases; an IPAM config when the file gave the network settings.
 */
function endpoint(
  container: string,
  service: string,
  network: ServiceNetwork,
  links: string[],
): Dockerode.EndpointSettings {
  return {
    Aliases: [container, service, ...network.aliases],
    ...(links.length > 0 ? { Links: links } : {}),
    ...(network.configured ? { IPAMConfig: {} } : {}),
  };
}

/** The networks after the first, with their endpoint settings, to connect before the container starts. */
export function extraNetworks(
  service: ServiceSpec,
  project: string,
  serviceName: string,
  names: ResourceNames,
  linkedContainers: Readonly<Record<string, string>> = {},
): { name: string; endpoint: Dockerode.EndpointSettings }[] {
  const container = containerName(project, serviceName, service);
  const links = composeLinks(service, project, linkedContainers);
  return networksByPriority(service)
    .slice(1)
    .map(([key, spec]) => ({
      name: names.networks[key] ?? key,
      endpoint: endpoint(container, serviceName, spec, links),
    }));
}

// The typings make every volume option mandatory; the API takes NoCopy alone.
const noCopy = { NoCopy: true } as NonNullable<Dockerode.MountSettings['VolumeOptions']>;
const noOptions = {} as NonNullable<Dockerode.MountSettings['VolumeOptions']>;

function healthcheck(spec: NonNullable<ServiceSpec['healthcheck']>): Dockerode.HealthConfig {
  return {
    Test: spec.test === null ? ['NONE'] : spec.test,
    ...(spec.interval !== null ? { Interval: spec.interval } : {}),
    ...(spec.timeout !== null ? { Timeout: spec.timeout } : {}),
    ...(spec.startPeriod !== null ? { StartPeriod: spec.startPeriod } : {}),
    ...(spec.startInterval !== null ? { StartInterval: spec.startInterval } : {}),
    ...(spec.retries !== null ? { Retries: spec.retries } : {}),
  };
}
