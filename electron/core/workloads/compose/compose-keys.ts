import { BUILD_KEYS } from './build-syntax.js';

// The keys the Compose Specification defines, by where they may appear. Crossdock refuses some
// of them on purpose ("not supported", with a reason); a key in none of these lists is a typo or
// belongs to another tool, and gets "unknown key" with the nearest known one suggested.

export const TOP_LEVEL_KEYS = [
  'version',
  'name',
  'include',
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'models',
] as const;

export const SERVICE_KEYS = [
  'annotations',
  'attach',
  'blkio_config',
  'build',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'command',
  'configs',
  'container_name',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpus',
  'cpuset',
  'credential_spec',
  'depends_on',
  'deploy',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'entrypoint',
  'env_file',
  'environment',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'healthcheck',
  'hostname',
  'image',
  'init',
  'ipc',
  'isolation',
  'label_file',
  'labels',
  'links',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'models',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'ports',
  'post_start',
  'pre_stop',
  'privileged',
  'profiles',
  'provider',
  'pull_policy',
  'pull_refresh_after',
  'read_only',
  'restart',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'use_api_socket',
  'user',
  'userns_mode',
  'uts',
  'volumes',
  'volumes_from',
  'working_dir',
] as const;

/** Keys of the definitions and long syntaxes nested deeper (healthcheck, ports, volumes, networks, …). */
export const NESTED_KEYS = [
  // healthcheck
  'test',
  'interval',
  'timeout',
  'retries',
  'start_period',
  'start_interval',
  'disable',
  // ports, long syntax
  'target',
  'published',
  'host_ip',
  'protocol',
  'mode',
  'app_protocol',
  'name',
  // volumes, long syntax
  'type',
  'source',
  'read_only',
  'bind',
  'volume',
  'tmpfs',
  'image',
  'consistency',
  'propagation',
  'create_host_path',
  'selinux',
  'nocopy',
  'subpath',
  'size',
  // depends_on, long syntax
  'condition',
  'restart',
  'required',
  // a service's networks
  'aliases',
  'ipv4_address',
  'ipv6_address',
  'link_local_ips',
  'mac_address',
  'driver_opts',
  'priority',
  'gw_priority',
  'interface_name',
  // logging, env_file, secrets and configs of a service
  'driver',
  'options',
  'path',
  'format',
  'uid',
  'gid',
  // ulimits, long syntax
  'soft',
  'hard',
  // top-level networks, volumes, secrets, configs
  'external',
  'labels',
  'ipam',
  'internal',
  'attachable',
  'enable_ipv4',
  'enable_ipv6',
  'file',
  'environment',
  'content',
] as const;

/** Keys under a service's `deploy:` at any depth (resources, limits, restart_policy, …). */
export const DEPLOY_KEYS = [
  'mode',
  'replicas',
  'labels',
  'resources',
  'limits',
  'reservations',
  'cpus',
  'memory',
  'pids',
  'devices',
  'generic_resources',
  'restart_policy',
  'condition',
  'delay',
  'max_attempts',
  'window',
  'placement',
  'update_config',
  'rollback_config',
  'endpoint_mode',
] as const;

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known key a typo most likely meant: the nearest by edit distance, if near enough to be a
 * slip (one edit for short keys, up to a third of the key's length for long ones; a different
 * case alone counts as the same key).
 */
export function nearestKey(key: string, candidates: readonly string[]): string | null {
  const lower = key.toLowerCase();
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: { key: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate);
    if (distance <= limit && (best === null || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key ?? null;
}

/** The keys the specification allows at a path of the file (its top level, a service, or deeper). */
export function keysAt(path: readonly (string | number)[]): readonly string[] {
  if (path.length === 0) return TOP_LEVEL_KEYS;
  if (path[0] === 'services' && path.length === 2) return SERVICE_KEYS;
  if (path[0] === 'services' && path.length === 3 && path[2] === 'build') return BUILD_KEYS;
  if (path[0] === 'services' && path[2] === 'deploy') return DEPLOY_KEYS;
  return NESTED_KEYS;
}

/** Whether the specification defines `key` at `path` (so a refusal is Crossdock's, not a typo). */
export function isSpecKey(key: string, path: readonly (string | number)[]): boolean {
  return keysAt(path).includes(key);
}
