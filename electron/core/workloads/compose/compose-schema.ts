import { z } from 'zod';
import type { ComposePort } from '../../../../shared/index.js';
import { splitCommand } from './command-words.js';
import type {
  ComposeFile,
  Dependency,
  HealthSpec,
  NetworkSpec,
  ServiceNetwork,
  ServiceSecret,
  ServiceSpec,
  VolumeSpec,
} from './compose-model.js';
import { parseDuration } from './durations.js';
import { parseLongPort, parseShortPort } from './port-syntax.js';
import { buildSection } from './build-syntax.js';
import { byType, fromResult, scalarText, splitPair, stringMap } from './schema-helpers.js';
import { checkMount, parseShortVolume, type MountSpec } from './volume-syntax.js';
import { containerOptionKeys, containerOptions, DEPLOY_HINTS } from './service-options.js';

// The supported part of the Compose specification. Every object is strict: a key that is not
// here is refused as "not supported" (with a hint from UNSUPPORTED_HINTS), never ignored.

const words = byType<string[]>(
  {
    string: z
      .string()
      .transform(fromResult((text: string) => splitCommand(text) ?? { error: `"${text}" has an unclosed quote` })),
    array: z.array(scalarText),
  },
  'a string or a list of strings',
);

const environment = byType<Record<string, string | null>>(
  {
    object: z.record(
      z.string(),
      byType<string | null>(
        {
          string: z.string(),
          number: z.number().transform(String),
          boolean: z.boolean().transform(String),
          null: z.null(),
        },
        'a string, number, boolean or nothing',
      ),
    ),
    array: z
      .array(z.string({ error: 'must be KEY=VALUE or KEY' }))
      .transform((items) => Object.fromEntries(items.map((item) => splitPair<null>(item, null)))),
  },
  'a map or a list of KEY=VALUE',
);

const envFileEntry = byType<{ path: string; required: boolean }>(
  {
    string: z
      .string()
      .min(1)
      .transform((path) => ({ path, required: true })),
    object: z.strictObject({ path: z.string().min(1), required: z.boolean().default(true) }),
  },
  'a path, or { path, required }',
);
const envFiles = byType<{ path: string; required: boolean }[]>(
  {
    string: z
      .string()
      .min(1)
      .transform((path) => [{ path, required: true }]),
    array: z.array(envFileEntry),
  },
  'a path or a list of paths',
);

const portEntry = byType<ComposePort[]>(
  {
    string: z
      .string()
      .transform(fromResult(parseShortPort))
      .transform((r) => r.ports),
    number: z
      .number()
      .transform(fromResult(parseShortPort))
      .transform((r) => r.ports),
    object: z
      .strictObject({
        target: z.number().int().min(1).max(65535),
        published: z
          .union([z.string(), z.number()], { error: 'must be a port number or a range like 8000-8001' })
          .optional(),
        host_ip: z
          .string()
          .regex(/^[0-9a-fA-F:.]+$/, 'must be an IP address')
          .optional(),
        protocol: z.enum(['tcp', 'udp'], { error: 'must be tcp or udp' }).optional(),
        mode: z.enum(['host', 'ingress']).optional(),
        name: z.string().optional(),
        app_protocol: z.string().optional(),
      })
      .transform(fromResult(parseLongPort))
      .transform((r) => r.ports),
  },
  'HOST:CONTAINER, a port number, or { target, published }',
);

const volumeEntry = byType<MountSpec>(
  {
    string: z
      .string()
      .transform(fromResult(parseShortVolume))
      .transform((r) => r.mount),
    object: z
      .strictObject({
        type: z.enum(['volume', 'bind'], {
          error: 'must be volume or bind (tmpfs and the other types are not supported)',
        }),
        source: z.string().min(1).optional(),
        target: z.string().min(1),
        read_only: z.boolean().optional(),
        volume: z.strictObject({ nocopy: z.boolean().optional() }).optional(),
        bind: z.strictObject({ create_host_path: z.boolean().optional() }).optional(),
      })
      .transform(
        fromResult((v) =>
          checkMount({
            type: v.type,
            source: v.source ?? null,
            target: v.target,
            readOnly: v.read_only ?? false,
            createHostPath: v.bind?.create_host_path ?? true,
            noCopy: v.volume?.nocopy ?? false,
            ...(v.type === 'volume' && v.volume ? { volumeOptions: true as const } : {}),
          }),
        ),
      )
      .transform((r) => r.mount),
  },
  'SOURCE:TARGET[:MODE], or { type, source, target }',
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

const healthTest = byType<string[] | null>(
  {
    string: z
      .string()
      .min(1)
      .transform((command) => ['CMD-SHELL', command]),
    array: z
      .array(z.string())
      .min(1)
      .refine((test) => ['CMD', 'CMD-SHELL', 'NONE'].includes(test[0] ?? ''), 'must start with CMD, CMD-SHELL or NONE')
      .transform((test) => (test[0] === 'NONE' ? null : test)),
  },
  'a shell command, or a list starting with CMD, CMD-SHELL or NONE',
);

const healthcheck = z
  .strictObject({
    test: healthTest.optional(),
    interval: duration.optional(),
    timeout: duration.optional(),
    start_period: duration.optional(),
    start_interval: duration.optional(),
    retries: z.number().int().min(0).optional(),
    disable: z.boolean().optional(),
  })
  .transform(
    (h): HealthSpec => ({
      test: h.disable ? null : h.test === undefined ? [] : h.test,
      interval: h.interval ?? null,
      timeout: h.timeout ?? null,
      startPeriod: h.start_period ?? null,
      startInterval: h.start_interval ?? null,
      retries: h.retries ?? null,
    }),
  );

const conditions = ['service_started', 'service_healthy', 'service_completed_successfully'] as const;
const dependsOn = byType<Record<string, Dependency>>(
  {
    array: z
      .array(z.string())
      .transform((names) =>
        Object.fromEntries(
          names.map((name): [string, Dependency] => [
            name,
            { condition: 'service_started', restart: false, required: true },
          ]),
        ),
      ),
    object: z.record(
      z.string(),
      z.strictObject({
        condition: z.enum(conditions, { error: `must be one of ${conditions.join(', ')}` }).default('service_started'),
        restart: z.boolean().default(false),
        required: z.boolean().default(true),
      }),
    ),
  },
  'a list of services, or a map of service to { condition }',
);

const serviceNetworks = byType<Record<string, ServiceNetwork>>(
  {
    array: z
      .array(z.string())
      .transform((names) => Object.fromEntries(names.map((name) => [name, { aliases: [] as string[] }]))),
    object: z.record(
      z.string(),
      byType<ServiceNetwork>(
        {
          null: z.null().transform(() => ({ aliases: [] as string[] })),
          object: z
            .strictObject({ aliases: z.array(z.string()).default([]), priority: z.number().int().optional() })
            .transform(
              (n): ServiceNetwork => ({
                aliases: n.aliases,
                configured: true,
                ...(n.priority === undefined ? {} : { priority: n.priority }),
              }),
            ),
        },
        'nothing, or { aliases, priority }',
      ),
    ),
  },
  'a list of networks, or a map of network to { aliases }',
);

const ownerId = byType<number>(
  { number: z.number().int().min(0), string: z.string().regex(/^\d+$/, 'must be a numeric id').transform(Number) },
  'a numeric id',
);
const fileMode = byType<number>(
  {
    number: z.number().int().min(0).max(0o777, 'must be at most 0777 (write it as a string, "0440", or as 0o440)'),
    string: z
      .string()
      .regex(/^0?[0-7]{1,3}$|^0o[0-7]{1,3}$/, 'must be an octal mode like "0440"')
      .transform((text) => parseInt(text.replace(/^0o/, ''), 8)),
  },
  'an octal mode like "0440"',
);
const serviceSecret = byType<ServiceSecret>(
  {
    string: z
      .string()
      .min(1)
      .transform((source) => ({ source, target: `/run/secrets/${source}`, uid: 0, gid: 0, mode: 0o444 })),
    object: z
      .strictObject({
        source: z.string().min(1),
        target: z.string().min(1).optional(),
        uid: ownerId.optional(),
        gid: ownerId.optional(),
        mode: fileMode.optional(),
      })
      .transform((s) => ({
        source: s.source,
        target:
          s.target === undefined
            ? `/run/secrets/${s.source}`
            : s.target.startsWith('/')
              ? s.target
              : `/run/secrets/${s.target}`,
        uid: s.uid ?? 0,
        gid: s.gid ?? 0,
        mode: s.mode ?? 0o444,
      })),
  },
  'a secret name, or { source, target, uid, gid, mode }',
);

const service = z
  .strictObject({
    image: z.string({ error: 'must be an image reference' }).min(1).optional(),
    build: buildSection.optional(),
    command: words.optional(),
    entrypoint: words.optional(),
    environment: environment.optional(),
    env_file: envFiles.optional(),
    ports: z.array(portEntry).optional(),
    volumes: z.array(volumeEntry).optional(),
    restart: z
      .string()
      .regex(/^(no|always|unless-stopped|on-failure(:\d+)?)$/, 'must be no, always, on-failure[:N] or unless-stopped')
      .optional(),
    healthcheck: healthcheck.optional(),
    labels: stringMap.optional(),
    depends_on: dependsOn.optional(),
    user: scalarText.optional(),
    working_dir: z.string().min(1).optional(),
    networks: serviceNetworks.optional(),
    secrets: z.array(serviceSecret).optional(),
    pull_policy: z
      .enum(['missing', 'always', 'never', 'if_not_present', 'build'], {
        error: 'must be missing, always, never, build or if_not_present',
      })
      .optional(),
    ...containerOptionKeys,
    profiles: z
      .array(
        z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a profile name: letters, digits, "_", "." and "-"'),
      )
      .optional(),
  })
  .superRefine((s, ctx) => {
    // As docker compose: a service names an image to run, or says how to build one (or both:
    // the built image is then tagged with that name).
    if (s.image === undefined && s.build === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['image'],
        message: 'is required: give image: to run an image, or build: to build one',
      });
    if (s.pull_policy === 'build' && s.build === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['pull_policy'],
        message: 'build needs a build: section saying how to build the image',
      });
  })
  .transform(
    (s): ServiceSpec => ({
      image: s.image ?? null,
      build: s.build ?? null,
      command: s.command ?? null,
      entrypoint: s.entrypoint ?? null,
      environment: s.environment ?? {},
      envFiles: s.env_file ?? [],
      ports: (s.ports ?? []).flat(),
      volumes: s.volumes ?? [],
      restart: s.restart ?? null,
      healthcheck: s.healthcheck ?? null,
      labels: s.labels ?? {},
      dependsOn: withSharedNamespaces(
        s.depends_on ?? {},
        [s.network_mode, s.pid, s.ipc, ...(s.links ?? []).map((link) => `service:${link.split(':')[0]}`)],
        s.volumes_from ?? [],
      ),
      user: s.user ?? null,
      workingDir: s.working_dir ?? null,
      // As compose-go normalises: no networks: means the default network, unless network_mode is set.
      networks:
        s.networks && Object.keys(s.networks).length > 0
          ? s.networks
          : s.network_mode === undefined
            ? { default: { aliases: [] } }
            : {},
      secrets: s.secrets ?? [],
      pullPolicy: s.pull_policy === undefined || s.pull_policy === 'if_not_present' ? 'missing' : s.pull_policy,
      options: containerOptions(s),
      ...(s.profiles && s.profiles.length > 0 ? { profiles: s.profiles } : {}),
    }),
  );

/**
 * compose-go's normalisation: a service sharing another's network, process or IPC namespace
 * (`service:NAME`) or linking to it depends on it, started, and is restarted with it.
 */
function withSharedNamespaces(
  dependsOn: Record<string, Dependency>,
  modes: (string | undefined)[],
  volumesFrom: string[],
): Record<string, Dependency> {
  const out = { ...dependsOn };
  for (const mode of modes) {
    if (!mode?.startsWith('service:')) continue;
    const shared = mode.slice('service:'.length);
    out[shared] ??= { condition: 'service_started', restart: true, required: true };
  }
  // volumes_from a service: started first, but not restarted with it.
  for (const entry of volumesFrom) {
    if (entry.startsWith('container:')) continue;
    out[entry.split(':')[0] ?? entry] ??= { condition: 'service_started', restart: false, required: true };
  }
  return out;
}

const volume = byType<VolumeSpec>(
  {
    null: z.null().transform((): VolumeSpec => ({ external: false, name: null, driverOpts: {}, labels: {} })),
    object: z
      .strictObject({
        name: z.string().min(1).optional(),
        external: z.boolean().optional(),
        driver: z.literal('local', { error: 'only the local driver is supported' }).optional(),
        driver_opts: stringMap.optional(),
        labels: stringMap.optional(),
      })
      .transform(
        (v): VolumeSpec => ({
          external: v.external ?? false,
          name: v.name ?? null,
          driverOpts: v.driver_opts ?? {},
          labels: v.labels ?? {},
        }),
      ),
  },
  'nothing, or { name, external, driver_opts, labels }',
);

const network = byType<NetworkSpec>(
  {
    null: z.null().transform((): NetworkSpec => ({ external: false, name: null, internal: false, labels: {} })),
    object: z
      .strictObject({
        name: z.string().min(1).optional(),
        external: z.boolean().optional(),
        driver: z
          .literal('bridge', {
            error:
              'only bridge networks are supported: Crossdock publishes ports on the host instead of an overlay network',
          })
          .optional(),
        internal: z.boolean().optional(),
        attachable: z.boolean().optional(),
        labels: stringMap.optional(),
      })
      .transform(
        (n): NetworkSpec => ({
          external: n.external ?? false,
          name: n.name ?? null,
          internal: n.internal ?? false,
          labels: n.labels ?? {},
        }),
      ),
  },
  'nothing, or { name, external, driver: bridge, internal, labels }',
);

const secret = z
  .strictObject({
    external: z.literal(true, {
      error: 'must be true: a secret\'s value comes from the vault ("crossdock secret set NAME")',
    }),
    name: z.string().min(1).optional(),
  })
  .transform((s): { external: true; name?: string | undefined } => s);

export const composeSchema = z
  .strictObject({
    version: scalarText.optional(),
    name: z.string().min(1).optional(),
    services: z.record(z.string(), service, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required: a compose file needs at least one service'
          : 'must be a map of services',
    }),
    volumes: z.record(z.string(), volume).optional(),
    networks: z.record(z.string(), network).optional(),
    secrets: z.record(z.string(), secret).optional(),
  })
  .transform(
    (file): ComposeFile => ({
      name: file.name ?? null,
      services: file.services,
      volumes: file.volumes ?? {},
      networks: file.networks ?? {},
      disabledServices: {},
      secrets: Object.fromEntries(
        Object.entries(file.secrets ?? {}).map(([key, s]) => [key, { vaultName: s.name ?? key }]),
      ),
    }),
  );

/**
 * Why some well-known keys are refused, said after "not supported": keyed by the key, or by
 * `PARENT.KEY` where the reason depends on where the key is.
 */
export const UNSUPPORTED_HINTS: Record<string, string> = {
  ...DEPLOY_HINTS,
  scale: 'Crossdock runs one container per service',
  extends: 'write the service out in full',
  file: 'store the value in the vault ("crossdock secret set NAME") and declare the secret with external: true',
  environment: 'store the value in the vault ("crossdock secret set NAME") and declare the secret with external: true',
  configs: 'put the file in an image or a volume, or use a secret',
  include: 'put everything in one file',
};
