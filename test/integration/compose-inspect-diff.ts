// Compares two containers' `docker inspect` the way the compose conformance test needs: every
// field of Config and HostConfig, and what each network endpoint was asked for, after the
// project name and the container's generated ids are replaced by placeholders.

/** The parts of `docker inspect` the comparison reads. */
export interface Inspect {
  Id: string;
  Config: { Labels?: Record<string, string> | null } & Record<string, unknown>;
  HostConfig: Record<string, unknown>;
  NetworkSettings: { Networks?: Record<string, Record<string, unknown>> | null };
}

/** What is compared: Config, HostConfig, and per network the endpoint settings a create asks for. */
export interface Comparable {
  Config: unknown;
  HostConfig: unknown;
  Networks: unknown;
}

/** The endpoint settings that come from the compose file, not from the engine's allocation. */
const ENDPOINT_FIELDS = ['Aliases', 'IPAMConfig', 'Links', 'DriverOpts'] as const;

/**
 * `others` names the project's other containers (id → service and number), whose ids appear
 * where one container shares another's namespace (`container:ID`, and the hostname it takes).
 */
export function normaliseInspect(
  container: Inspect,
  project: string,
  others: ReadonlyMap<string, string> = new Map(),
): Comparable {
  const networks: Record<string, Record<string, unknown>> = {};
  for (const [name, endpoint] of Object.entries(container.NetworkSettings.Networks ?? {})) {
    const picked: Record<string, unknown> = {};
    for (const field of ENDPOINT_FIELDS) picked[field] = endpoint[field] ?? null;
    networks[name] = picked;
  }
  const comparable: Comparable = {
    Config: {
      ...container.Config,
      Env: sorted(container.Config['Env']),
      Labels: comparedLabels(container.Config.Labels),
    },
    HostConfig: {
      ...container.HostConfig,
      Binds: sorted(container.HostConfig['Binds']),
      ExtraHosts: sorted(container.HostConfig['ExtraHosts']),
      Ulimits: byName(container.HostConfig['Ulimits']),
      Mounts: byTarget(container.HostConfig['Mounts']),
    },
    Networks: networks,
  };
  let text = JSON.stringify(comparable).replaceAll(container.Id, '<id>').replaceAll(container.Id.slice(0, 12), '<id>');
  for (const [id, name] of others)
    text = text.replaceAll(id, `<id of ${name}>`).replaceAll(id.slice(0, 12), `<id of ${name}>`);
  const normalised = JSON.parse(text.replaceAll(project, '<project>')) as Comparable;
  // The engine adds the short id as an alias of its own; which order aliases come in is not
  // something compose sets either (sorted once the id is a placeholder).
  for (const endpoint of Object.values(normalised.Networks as Record<string, Record<string, unknown>>))
    if (Array.isArray(endpoint['Aliases'])) endpoint['Aliases'] = [...(endpoint['Aliases'] as string[])].sort();
  return normalised;
}

/**
 * Lists whose order docker compose takes from a Go map, so differs from run to run: the
 * environment, the mounts and binds, the extra hosts, the ulimits, the depends_on label's
 * entries. They compare sorted.
 */
function sorted(list: unknown): unknown {
  return Array.isArray(list) ? [...(list as string[])].sort() : list;
}

function byName(ulimits: unknown): unknown {
  if (!Array.isArray(ulimits)) return ulimits;
  return [...(ulimits as { Name: string }[])].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

function byTarget(mounts: unknown): unknown {
  if (!Array.isArray(mounts)) return mounts;
  return [...(mounts as { Target: string }[])].sort((a, b) => (a.Target < b.Target ? -1 : a.Target > b.Target ? 1 : 0));
}

/**
 * The labels, less those that are not the service spec's to decide: Crossdock's own
 * (`crossdock.*`), the compose version that wrote the container, and the config hash (whether
 * Crossdock's hash should equal compose's is the interoperability part of the issue, tested on
 * its own). The depends_on entries compare sorted (compose's order is a Go map's).
 */
function comparedLabels(labels: Record<string, string> | null | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith('crossdock.')) continue;
    if (key === 'com.docker.compose.version' || key === 'com.docker.compose.config-hash') continue;
    kept[key] = key === 'com.docker.compose.depends_on' ? value.split(',').sort().join(',') : value;
  }
  return kept;
}

/** Every path where the two differ, as `HostConfig.CapAdd: ["NET_ADMIN"] ≠ null`. */
export function diffInspect(oracle: unknown, ours: unknown, path = ''): string[] {
  if (isPlainObject(oracle) && isPlainObject(ours)) {
    const keys = [...new Set([...Object.keys(oracle), ...Object.keys(ours)])].sort();
    return keys.flatMap((key) => diffInspect(oracle[key], ours[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(oracle) && Array.isArray(ours) && oracle.length === ours.length)
    return oracle.flatMap((item, i) => diffInspect(item, ours[i], `${path}[${i}]`));
  const left = JSON.stringify(oracle ?? null);
  const right = JSON.stringify(ours ?? null);
  return left === right ? [] : [`${path}: docker compose ${left} ≠ Crossdock ${right}`];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
