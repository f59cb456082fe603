import { z } from 'zod';
import type { BuildSpec } from './compose-model.js';
import { byType, fromResult, scalarText, splitPair, stringMap } from './schema-helpers.js';

// compose's `build:` in its short syntax (a context path) and the long one, as far as the
// engine's classic build endpoint goes. Keys the specification defines but Crossdock does not
// send (secrets, ssh, platforms, additional_contexts, …) are refused by the strict object.

/** The keys of compose's build section (the specification's), for "not supported" vs "unknown key". */
export const BUILD_KEYS = [
  'context',
  'dockerfile',
  'dockerfile_inline',
  'entitlements',
  'args',
  'ssh',
  'cache_from',
  'cache_to',
  'additional_contexts',
  'extra_hosts',
  'isolation',
  'privileged',
  'labels',
  'no_cache',
  'pull',
  'network',
  'provenance',
  'sbom',
  'secrets',
  'shm_size',
  'tags',
  'target',
  'ulimits',
  'platforms',
] as const;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/**
 * A size as compose writes it (`2gb`, `512m`, `64M`, or a number of bytes), in bytes; units are
 * binary, as Docker's RAMInBytes reads them. An error result when it is not one.
 */
export function parseByteSize(text: string): number | { error: string } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)b?\s*$/i.exec(text);
  const unit = UNITS[match?.[2]?.toLowerCase() ?? ''];
  if (!match || unit === undefined) return { error: `"${text}" is not a size like 64m or 2gb` };
  return Math.round(Number(match[1]) * unit);
}

const byteSize = byType<number>(
  {
    number: z.number().int().min(0),
    string: z.string().transform(fromResult(parseByteSize)),
  },
  'a size like 64m or 2gb, or a number of bytes',
);

/** `KEY: value` (a null value: taken from the variables) or `- KEY=value` / `- KEY`. */
const buildArgs = byType<Record<string, string | null>>(
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

/**
 * `host:ip` entries for the build's /etc/hosts: a list of `host:ip` or `host=ip` (compose's two
 * spellings), or a map of host to one address or a list of them. IPv6 addresses keep their colons:
 * only the first `=`, else the first `:`, separates.
 */
const extraHosts = byType<string[]>(
  {
    array: z.array(z.string().min(1)).transform(
      fromResult((items: string[]) => {
        const out: string[] = [];
        for (const item of items) {
          const at = item.includes('=') ? item.indexOf('=') : item.indexOf(':');
          if (at <= 0 || at === item.length - 1) return { error: `"${item}" must be HOST:IP or HOST=IP` };
          out.push(`${item.slice(0, at)}:${item.slice(at + 1)}`);
        }
        return out;
      }),
    ),
    object: z
      .record(
        z.string(),
        byType<string[]>(
          {
            string: z
              .string()
              .min(1)
              .transform((ip) => [ip]),
            array: z.array(z.string().min(1)),
          },
          'an address or a list of addresses',
        ),
      )
      .transform((hosts) => Object.entries(hosts).flatMap(([host, ips]) => ips.map((ip) => `${host}:${ip}`))),
  },
  'a list of HOST:IP, or a map of host to address',
);

/** A context Crossdock can pack: a folder on this computer (not a Git or HTTP URL). */
const contextPath = z
  .string()
  .min(1)
  .refine(
    (path) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !/^git@/.test(path),
    'must be a folder: Crossdock packs the context from this computer (Git and URL contexts are not supported)',
  );

const longBuild = z
  .strictObject({
    context: contextPath.default('.'),
    dockerfile: z.string().min(1).optional(),
    dockerfile_inline: z.string().min(1).optional(),
    args: buildArgs.optional(),
    target: z.string().min(1).optional(),
    labels: stringMap.optional(),
    network: z.string().min(1).optional(),
    shm_size: byteSize.optional(),
    extra_hosts: extraHosts.optional(),
    cache_from: z.array(scalarText).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.dockerfile !== undefined && b.dockerfile_inline !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['dockerfile_inline'],
        message: 'give dockerfile or dockerfile_inline, not both',
      });
  })
  .transform(
    (b): BuildSpec => ({
      context: b.context,
      dockerfile: b.dockerfile ?? null,
      dockerfileInline: b.dockerfile_inline ?? null,
      args: b.args ?? {},
      target: b.target ?? null,
      labels: b.labels ?? {},
      network: b.network ?? null,
      shmSize: b.shm_size ?? null,
      extraHosts: b.extra_hosts ?? [],
      cacheFrom: b.cache_from ?? [],
    }),
  );

/** A service's `build:`: a context path, or `{ context, dockerfile, args, … }`. */
export const buildSection = byType<BuildSpec>(
  {
    string: contextPath.transform(
      (context): BuildSpec => ({
        context,
        dockerfile: null,
        dockerfileInline: null,
        args: {},
        target: null,
        labels: {},
        network: null,
        shmSize: null,
        extraHosts: [],
        cacheFrom: [],
      }),
    ),
    object: longBuild,
  },
  'a context folder, or { context, dockerfile, args, … }',
);
