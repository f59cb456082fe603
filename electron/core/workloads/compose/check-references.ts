import { addressesOverlap } from '../../ports/host-listeners.js';
import type { ComposeFile } from './compose-model.js';
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
    for (const dependency of Object.keys(service.dependsOn)) {
      if (dependency === name) error(['services', name, 'depends_on'], 'a service cannot depend on itself');
      else if (!file.services[dependency])
        error(['services', name, 'depends_on'], `there is no service "${dependency}"`);
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
