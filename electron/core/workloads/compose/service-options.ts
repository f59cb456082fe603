import { z } from 'zod';
import { parseBytes } from './byte-units.js';
import type { ContainerOptions, RestartPolicySpec, Ulimit } from './compose-model.js';
import { parseDuration } from './durations.js';
import { byType, fromResult, scalarText, stringMap } from './schema-helpers.js';

// The service keys that docker compose hands to the Engine API as container settings, read as
// compose-go reads them (short syntaxes, units, the `${VAR}` values that arrive as text).

const stringList = byType<string[]>(
  { string: z.string().transform((text) => [text]), array: z.array(z.string()) },
  'a string or a list of strings',
);

/** true/false, also as the text an interpolated `${FLAG:-true}` gives. */
const flag = byType<boolean>(
  {
    boolean: z.boolean(),
    string: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((text) => text === 'true'),
  },
  'true or false',
);

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  const range = z
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
  return byType<number>(
    {
      number: range,
      string: z
        .string()
        .regex(/^-?\d+$/, 'must be a whole number')
        .transform(Number)
        .pipe(range),
    },
    'a whole number',
  );
}

const bytes = byType<number>(
  {
    number: z.number().int().min(0),
    string: z
      .string()
      .transform(
        fromResult((text: string) => parseBytes(text) ?? { error: `"${text}" is not a size like 512m or 2g` }),
      ),
  },
  'a size like 512m or 2g',
);

/** A CPU count as compose-go keeps it, a float32 (so 0.1 is what Go would make of it). */
const cpus = byType<number>(
  {
    number: z.number().min(0).transform(Math.fround),
    string: z
      .string()
      .regex(/^(\d+(\.\d*)?|\.\d+)$/, 'must be a number of CPUs like 0.5 or 2')
      .transform((text) => Math.fround(Number(text))),
  },
  'a number of CPUs like 0.5 or 2',
);

const duration = byType<number>(
  {
    string: z
      .string()
      .transform(
        fromResult((text: string) => parseDuration(text) ?? { error: `"${text}" is not a duration like 30s or 1m30s` }),
      ),
    number: z
      .number()
      .int()
      .min(0)
      .transform((seconds) => seconds * 1e9),
  },
  'a duration like 30s or 1m30s',
);

const ulimit = byType<Ulimit>(
  {
    number: z
      .number()
      .int()
      .transform((n) => ({ soft: n, hard: n })),
    string: z
      .string()
      .regex(/^-?\d+$/, 'must be a whole number')
      .transform((text) => ({ soft: Number(text), hard: Number(text) })),
    object: z.strictObject({ soft: integer(-1), hard: integer(-1) }),
  },
  'a number, or { soft, hard }',
);

/** `HOST:IP`, `HOST=IP` (either in a list) or a map of host to IP, as the Engine API's `HOST:IP`. */
const extraHosts = byType<string[]>(
  {
    array: z.array(scalarText).transform(
      fromResult((items: string[]) => {
        const out: string[] = [];
        for (const item of items) {
          const at = [item.indexOf('='), item.indexOf(':')].find((i) => i >= 0);
          if (at === undefined)
            return {
              error: `"${item}" has no address: write it HOST:IP or HOST=IP (host.docker.internal=host-gateway)`,
            };
          const entry = hostEntry(item.slice(0, at), item.slice(at + 1));
          if ('error' in entry) return entry;
          out.push(entry.text);
        }
        return out;
      }),
    ),
    object: z.record(z.string(), scalarText).transform(
      fromResult((map: Record<string, string>) => {
        const out: string[] = [];
        for (const [host, ip] of Object.entries(map)) {
          const entry = hostEntry(host, ip);
          if ('error' in entry) return entry;
          out.push(entry.text);
        }
        return out;
      }),
    ),
  },
  'a list of HOST:IP, or a map of host to IP',
);

function hostEntry(host: string, ip: string): { text: string } | { error: string } {
  if (host === '' || /[:=]/.test(host)) return { error: `"${host}" is not a host name` };
  const bare = ip.length > 2 && ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  return { text: `${host}:${bare}` };
}

/** docker compose's own check of security options (parseSecurityOpts), less seccomp profile files. */
const securityOpt = z.array(z.string()).superRefine((options, ctx) => {
  options.forEach((option, i) => {
    if (option === 'systempaths=unconfined' || option === 'no-new-privileges') return;
    const at = option.includes('=') ? option.indexOf('=') : option.indexOf(':');
    if (at < 0) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `"${option}" is not a security option like no-new-privileges:true, seccomp=unconfined or label=disable`,
      });
    } else if (option.slice(0, at) === 'seccomp' && option.slice(at + 1) !== 'unconfined') {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message:
          'a seccomp profile file is not supported yet: Crossdock does not send project files to the host; use seccomp=unconfined or the default profile',
      });
    }
  });
});

const NAMESPACE = /^(host|private|shareable|none|container:.+|service:.+)$/;
const namespace = (what: string) =>
  z.string().regex(NAMESPACE, `must be host, container:NAME or service:NAME (${what})`);

const restartPolicy = z
  .strictObject({
    condition: z.enum(['none', 'on-failure', 'any'], { error: 'must be none, on-failure or any' }).optional(),
    delay: duration.optional(),
    max_attempts: integer(0).optional(),
    window: duration.optional(),
  })
  .transform((p): RestartPolicySpec => ({ condition: p.condition ?? null, maxAttempts: p.max_attempts ?? null }));

const SWARM_ONLY = 'a Swarm option: a single engine has no nodes or service tasks';
const deploy = z.strictObject({
  replicas: byType<number>(
    {
      number: z.literal(1, {
        error: 'must be 1: Crossdock runs one container per service (scale is not supported yet)',
      }),
    },
    '1',
  ).optional(),
  resources: z
    .strictObject({
      limits: z
        .strictObject({ cpus: cpus.optional(), memory: bytes.optional(), pids: integer(-1).optional() })
        .optional(),
      reservations: z.strictObject({ cpus: cpus.optional(), memory: bytes.optional() }).optional(),
    })
    .optional(),
  restart_policy: restartPolicy.optional(),
});

/** Why a deploy key a single engine cannot honour is refused (keyed `deploy.KEY`). */
export const DEPLOY_HINTS: Record<string, string> = {
  'deploy.mode': SWARM_ONLY,
  'deploy.placement': SWARM_ONLY,
  'deploy.update_config': SWARM_ONLY,
  'deploy.rollback_config': SWARM_ONLY,
  'deploy.endpoint_mode': SWARM_ONLY,
  'deploy.labels': "these label the Swarm service, which a single engine does not have; use the service's labels:",
  'reservations.devices': 'device reservations (GPUs) are not supported yet',
  'reservations.generic_resources': SWARM_ONLY,
};

/** The zod shape of the keys, merged into the service's. */
export const containerOptionKeys = {
  container_name: z
    .string()
    .regex(
      /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/,
      'must be two or more letters, digits, "_", "." and "-", starting with a letter or digit',
    )
    .optional(),
  expose: z.array(scalarText).optional(),
  hostname: z.string().min(1).optional(),
  domainname: z.string().min(1).optional(),
  cap_add: z.array(z.string().min(1)).optional(),
  cap_drop: z.array(z.string().min(1)).optional(),
  privileged: flag.optional(),
  sysctls: stringMap.optional(),
  ulimits: z.record(z.string(), ulimit).optional(),
  stop_signal: z.string().min(1).optional(),
  stop_grace_period: duration.optional(),
  init: flag.optional(),
  read_only: flag.optional(),
  tmpfs: byType<string[]>(
    {
      string: z
        .string()
        .startsWith('/', 'must be an absolute path in the container')
        .transform((text) => [text]),
      array: z.array(z.string().startsWith('/', 'must be an absolute path in the container')),
    },
    'a path or a list of paths',
  ).optional(),
  shm_size: bytes.optional(),
  dns: stringList.optional(),
  dns_search: stringList.optional(),
  dns_opt: z.array(z.string()).optional(),
  extra_hosts: extraHosts.optional(),
  security_opt: securityOpt.optional(),
  pid: namespace('the process namespace').optional(),
  ipc: namespace('the IPC namespace; also private, shareable or none').optional(),
  group_add: z.array(scalarText).optional(),
  oom_score_adj: integer(-1000, 1000).optional(),
  cpus: cpus.optional(),
  cpu_shares: integer(0).optional(),
  cpuset: scalarText.optional(),
  mem_limit: bytes.optional(),
  mem_reservation: bytes.optional(),
  memswap_limit: byType<number>(
    { number: z.number().int().min(-1), string: bytes },
    'a size like 1g, or -1',
  ).optional(),
  pids_limit: integer(-1).optional(),
  deploy: deploy.optional(),
  stdin_open: flag.optional(),
  tty: flag.optional(),
  logging: z.strictObject({ driver: z.string().min(1).optional(), options: stringMap.optional() }).optional(),
  network_mode: z
    .string()
    .regex(
      /^(host|none|bridge|container:.+|service:.+)$/,
      'must be host, none, bridge, container:NAME or service:NAME (to join a network of the file, use networks:)',
    )
    .optional(),
  runtime: z.string().min(1).optional(),
  devices: z
    .array(
      z
        .string()
        .regex(
          /^\/[^:]*(:\/[^:]*)?(:[rwm]{1,3})?$/,
          'must be HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]], like /dev/fuse',
        ),
    )
    .optional(),
  device_cgroup_rules: z.array(z.string()).optional(),
  userns_mode: z.string().min(1).optional(),
  uts: z.literal('host', { error: 'must be host' }).optional(),
  cgroup: z.enum(['host', 'private'], { error: 'must be host or private' }).optional(),
  cgroup_parent: z.string().min(1).optional(),
  oom_kill_disable: flag.optional(),
  cpu_period: integer(0).optional(),
  cpu_quota: integer(-1).optional(),
  cpu_rt_period: integer(0).optional(),
  cpu_rt_runtime: integer(-1).optional(),
  mem_swappiness: integer(0, 100).optional(),
  volumes_from: z
    .array(z.string().regex(/^(container:)?[^:]+(:(ro|rw))?$/, 'must be SERVICE[:ro] or container:NAME[:ro]'))
    .optional(),
  links: z.array(z.string().regex(/^[^:]+(:[^:]+)?$/, 'must be SERVICE or SERVICE:ALIAS')).optional(),
  external_links: z.array(z.string().regex(/^[^:]+(:[^:]+)?$/, 'must be CONTAINER or CONTAINER:ALIAS')).optional(),
  mac_address: z
    .string()
    .regex(/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/, 'must be a MAC address like 02:42:ac:11:00:02')
    .optional(),
  platform: z
    .string()
    .regex(/^[a-z0-9]+(\/[a-z0-9_]+(\/[a-z0-9]+)?)?$/, 'must be a platform like linux/amd64 or linux/arm64/v8')
    .optional(),
  blkio_config: z
    .strictObject({
      weight: integer(10, 1000).optional(),
      weight_device: z.array(z.strictObject({ path: z.string().min(1), weight: integer(10, 1000) })).optional(),
      device_read_bps: z.array(z.strictObject({ path: z.string().min(1), rate: bytes })).optional(),
      device_read_iops: z.array(z.strictObject({ path: z.string().min(1), rate: integer(0) })).optional(),
      device_write_bps: z.array(z.strictObject({ path: z.string().min(1), rate: bytes })).optional(),
      device_write_iops: z.array(z.strictObject({ path: z.string().min(1), rate: integer(0) })).optional(),
    })
    .optional(),
  storage_opt: stringMap.optional(),
  // docker compose only uses it to choose which services' logs `up` follows in the foreground.
  attach: flag.optional(),
};

type Parsed = { [K in keyof typeof containerOptionKeys]?: z.output<(typeof containerOptionKeys)[K]> };

/** The options the file sets, and only those. */
export function containerOptions(s: Parsed): ContainerOptions {
  const limits = s.deploy?.resources?.limits;
  const reservations = s.deploy?.resources?.reservations;
  const options = {
    containerName: s.container_name,
    expose: s.expose,
    hostname: s.hostname,
    domainname: s.domainname,
    capAdd: s.cap_add,
    capDrop: s.cap_drop,
    privileged: s.privileged,
    sysctls: s.sysctls,
    ulimits: s.ulimits,
    stopSignal: s.stop_signal,
    stopGracePeriod: s.stop_grace_period,
    init: s.init,
    readOnly: s.read_only,
    tmpfs: s.tmpfs,
    shmSize: s.shm_size,
    dns: s.dns,
    dnsSearch: s.dns_search,
    dnsOpt: s.dns_opt,
    extraHosts: s.extra_hosts,
    securityOpt: s.security_opt,
    pid: s.pid,
    ipc: s.ipc,
    groupAdd: s.group_add,
    oomScoreAdj: s.oom_score_adj,
    cpus: s.cpus,
    cpuShares: s.cpu_shares,
    cpuset: s.cpuset,
    memLimit: s.mem_limit,
    memReservation: s.mem_reservation,
    memswapLimit: s.memswap_limit,
    pidsLimit: s.pids_limit,
    limits: limits && defined({ cpus: limits.cpus, memory: limits.memory, pids: limits.pids }),
    reservations: reservations && defined({ cpus: reservations.cpus, memory: reservations.memory }),
    restartPolicy: s.deploy?.restart_policy,
    stdinOpen: s.stdin_open,
    tty: s.tty,
    logging: s.logging && defined({ driver: s.logging.driver, options: s.logging.options }),
    networkMode: s.network_mode,
    runtime: s.runtime,
    devices: s.devices,
    deviceCgroupRules: s.device_cgroup_rules,
    usernsMode: s.userns_mode,
    uts: s.uts,
    cgroup: s.cgroup,
    cgroupParent: s.cgroup_parent,
    oomKillDisable: s.oom_kill_disable,
    cpuPeriod: s.cpu_period,
    cpuQuota: s.cpu_quota,
    cpuRtPeriod: s.cpu_rt_period,
    cpuRtRuntime: s.cpu_rt_runtime,
    memSwappiness: s.mem_swappiness,
    volumesFrom: s.volumes_from,
    links: s.links,
    externalLinks: s.external_links,
    macAddress: s.mac_address,
    platform: s.platform,
    blkio:
      s.blkio_config &&
      defined({
        weight: s.blkio_config.weight,
        weightDevice: s.blkio_config.weight_device,
        deviceReadBps: s.blkio_config.device_read_bps,
        deviceReadIops: s.blkio_config.device_read_iops,
        deviceWriteBps: s.blkio_config.device_write_bps,
        deviceWriteIops: s.blkio_config.device_write_iops,
      }),
    storageOpt: s.storage_opt,
  };
  return defined(options);
}

/** The object without its undefined entries (what exactOptionalPropertyTypes wants of an optional key). */
function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
