import { addressesOverlap } from '../../ports/host-listeners.js';
import type { ComposeFile, ContainerOptions } from './compose-model.js';
import type { PathIssue } from './interpolate.js';

const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/**
 * What the schema cannot see: names that must exist elsewhere in the file (depends_on, networks,
 * volumes, secrets), dependency cycles, and two services publishing the same host port.
 */
export function checkReferences(file: ComposeFile): PathIssue[] {
  const issues: PathIssue[] = [];
  const error = (path: (string | number)[], message: string, atKey = false): void =>
    void issues.push({ path, message, severity: 'error', atKey });
  const services = Object.entries(file.services);
  if (services.length === 0) error(['services'], 'must have at least one service');

  const published: { service: string; index: number; port: number; protocol: string; hostIp: string | null }[] = [];
  for (const [name, service] of services) {
    if (!SERVICE_NAME.test(name))
      error(
        ['services', name],
        'a service name is letters, digits, "_", "." and "-", starting with a letter or digit',
        true,
      );
    // A dependency implied by `service:NAME` gets its error at the key that names it.
    const linked = (service.options.links ?? []).map((link) => link.split(':')[0] ?? link);
    const fromVolumes = (service.options.volumesFrom ?? [])
      .filter((entry) => !entry.startsWith('container:'))
      .map((entry) => entry.split(':')[0] ?? entry);
    const implied = new Set([
      ...[service.options.networkMode, service.options.pid, service.options.ipc].map((m) =>
        m?.startsWith('service:') ? m.slice('service:'.length) : null,
      ),
      ...fromVolumes,
      ...linked,
    ]);
    for (const target of linked) {
      if (!file.services[target]) error(['services', name, 'links'], `there is no service "${target}"`);
      else if (target === name) error(['services', name, 'links'], 'a service cannot link to itself');
    }
    for (const source of fromVolumes) {
      if (!file.services[source])
        error(
          ['services', name, 'volumes_from'],
          `there is no service "${source}" (a container outside the file is written container:NAME)`,
        );
      else if (source === name) error(['services', name, 'volumes_from'], 'a service cannot take its own volumes');
    }
    for (const dependency of Object.keys(service.dependsOn)) {
      if (implied.has(dependency)) continue;
      if (dependency === name) error(['services', name, 'depends_on'], 'a service cannot depend on itself');
      else if (file.disabledServices[dependency])
        error(
          ['services', name, 'depends_on'],
          `service "${dependency}" is left out: none of its profiles (${file.disabledServices[dependency].join(', ')}) is enabled; enable one (--profile ${file.disabledServices[dependency][0]}) or make the dependency required: false`,
        );
      else if (!file.services[dependency])
        error(['services', name, 'depends_on'], `there is no service "${dependency}"`);
    }
    const { networkMode, containerName } = service.options;
    if (networkMode !== undefined && Object.keys(service.networks).length > 0)
      error(
        ['services', name, 'network_mode'],
        'cannot be set with networks: a container either joins networks or shares a network mode; drop one of them',
      );
    for (const key of ['network_mode', 'pid', 'ipc'] as const) {
      const mode = key === 'network_mode' ? networkMode : service.options[key];
      const shared = mode?.startsWith('service:') ? mode.slice('service:'.length) : null;
      if (shared !== null && !file.services[shared]) error(['services', name, key], `there is no service "${shared}"`);
      else if (shared === name) error(['services', name, key], 'a service cannot share its own namespace');
    }
    for (const [key, value, deployKey, deployValue] of resourceTwins(service.options)) {
      if (value !== undefined && value !== 0 && deployValue !== null && deployValue !== value)
        error(
          ['services', name, key],
          `differs from deploy.resources.${deployKey}: docker compose refuses two values for one limit; keep one of them`,
        );
    }
    if (containerName !== undefined) {
      // Said at the second service to take the name, as compose-go does.
      const other = services.find(([, s]) => s.options.containerName === containerName);
      if (other && other[0] !== name)
        error(
          ['services', name, 'container_name'],
          `"${containerName}" is also service "${other[0]}"'s container name`,
        );
    }
    for (const network of Object.keys(service.networks)) {
      if (network !== 'default' && !file.networks[network])
        error(['services', name, 'networks'], `network "${network}" is not declared under the top-level networks:`);
    }
    service.volumes.forEach((mount, i) => {
      if (mount.type === 'volume' && mount.source !== null && !file.volumes[mount.source]) {
        error(
          ['services', name, 'volumes', i],
          `volume "${mount.source}" is not declared under the top-level volumes:`,
        );
      }
    });
    service.secrets.forEach((secret, i) => {
      if (!file.secrets[secret.source])
        error(
          ['services', name, 'secrets', i],
          `secret "${secret.source}" is not declared under the top-level secrets:`,
        );
    });
    service.ports.forEach((port) => {
      if (port.published === null) return;
      const clash = published.find(
        (p) =>
          p.port === port.published &&
          p.protocol === port.protocol &&
          addressesOverlap(p.hostIp ?? undefined, port.hostIp ?? undefined),
      );
      if (clash)
        error(
          ['services', name, 'ports'],
          `host port ${port.published}/${port.protocol} is also published by service "${clash.service}"`,
        );
      published.push({ service: name, index: 0, port: port.published, protocol: port.protocol, hostIp: port.hostIp });
    });
  }

  const cycle = findCycle(file);
  if (cycle) error(['services', cycle[0] ?? '', 'depends_on'], `depends_on forms a cycle: ${cycle.join(' → ')}`);
  return issues;
}

/**
 * A service key and its deploy.resources twin, as compose-go's checkConsistency pairs them: when
 * the deploy section (limits or reservations) is there, its value (0 when missing) must match.
 */
function resourceTwins(options: ContainerOptions): [string, number | undefined, string, number | null][] {
  const { limits, reservations } = options;
  return [
    ['cpus', options.cpus, 'limits.cpus', limits ? (limits.cpus ?? 0) : null],
    ['mem_limit', options.memLimit, 'limits.memory', limits ? (limits.memory ?? 0) : null],
    [
      'mem_reservation',
      options.memReservation,
      'reservations.memory',
      reservations ? (reservations.memory ?? 0) : null,
    ],
    ['pids_limit', options.pidsLimit, 'limits.pids', limits ? (limits.pids ?? 0) : null],
  ];
}

function findCycle(file: ComposeFile): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | null => {
    if (state.get(name) === 'done' || !file.services[name]) return null;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dependency of Object.keys(file.services[name]?.dependsOn ?? {})) {
      if (dependency === name) continue;
      const found = visit(dependency);
      if (found) return found;
    }
    stack.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of Object.keys(file.services)) {
    const found = visit(name);
    if (found) return found;
  }
  return null;
}

/** Service names with every service after the ones it depends on, otherwise in file order. */
export function startOrder(file: ComposeFile): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const place = (name: string, seen: Set<string>): void => {
    if (placed.has(name) || seen.has(name) || !file.services[name]) return;
    seen.add(name);
    for (const dependency of Object.keys(file.services[name]?.dependsOn ?? {})) place(dependency, seen);
    placed.add(name);
    order.push(name);
  };
  for (const name of Object.keys(file.services)) place(name, new Set());
  return order;
}
