import type { z } from 'zod';
import type { ComposeInput, ComposeIssue, ComposeSummary } from '../../../../shared/index.js';
import type { ComposeFile } from './compose-model.js';
import { isSpecKey, keysAt, nearestKey } from './compose-keys.js';
import { composeSchema, UNSUPPORTED_HINTS } from './compose-schema.js';
import { defaultMessage } from './schema-helpers.js';
import { checkReferences, startOrder } from './check-references.js';
import { parseEnvFile } from './env-file.js';
import { interpolate, type PathIssue } from './interpolate.js';
import { readYaml, type DocPath, type YamlSource } from './yaml-source.js';

/** A compose file read, checked and resolved as far as it could be. */
export interface LoadedCompose {
  /** Null when there are errors. */
  file: ComposeFile | null;
  issues: ComposeIssue[];
  summary: ComposeSummary | null;
  /** Each service's container environment: env_file values, then `environment:` over them. */
  environments: Record<string, Record<string, string>>;
  /** Service names in start order (dependencies first). */
  order: string[];
}

const DEFINITION_SECTIONS = ['services', 'volumes', 'networks', 'secrets'] as const;

/**
 * Reads a compose text against the supported subset: YAML syntax, `${VAR}` interpolation (from
 * `variables`, then the `.env` in `files`), the schema, references between services, networks,
 * volumes and secrets, and env_file contents (from `files`). Every issue carries its path and line.
 */
export function loadCompose(
  input: ComposeInput,
  secretStored: (vaultName: string) => boolean = () => true,
): LoadedCompose {
  const source = readYaml(input.compose);
  const empty: LoadedCompose = { file: null, issues: source.issues, summary: null, environments: {}, order: [] };
  if (source.issues.length > 0) return empty;
  if (typeof source.value !== 'object' || source.value === null || Array.isArray(source.value)) {
    return {
      ...empty,
      issues: [
        { path: '', line: 1, column: 1, message: 'a compose file is a map with a services: key', severity: 'error' },
      ],
    };
  }

  const files = normaliseFiles(input.files ?? {});
  const dotEnv = files.get('.env');
  const fromDotEnv = dotEnv === undefined ? {} : parseEnvFile(dotEnv).values;
  const lookup = (name: string): string | undefined => input.variables?.[name] ?? fromDotEnv[name];
  const interpolated = interpolate(withoutExtensions(source.value as Record<string, unknown>), lookup);
  const pathIssues: PathIssue[] = [...interpolated.issues];

  const parsed = composeSchema.safeParse(interpolated.value, { error: defaultMessage });
  if (!parsed.success) pathIssues.push(...parsed.error.issues.flatMap(fromZodIssue));
  const profiles =
    input.profiles ??
    lookup('COMPOSE_PROFILES')
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean) ??
    [];
  const file = parsed.success ? withProfiles(parsed.data, profiles) : null;
  let environments: Record<string, Record<string, string>> = {};
  let order: string[] = [];
  if (file) {
    pathIssues.push(...checkReferences(file));
    resolveBuildArgs(file, lookup);
    const resolved = resolveEnvironments(file, files, lookup);
    pathIssues.push(...resolved.issues);
    environments = resolved.environments;
    order = startOrder(file);
    for (const [key, secret] of Object.entries(file.secrets)) {
      if (!secretStored(secret.vaultName)) {
        pathIssues.push({
          path: ['secrets', key],
          message: `the vault has no secret "${secret.vaultName}": store it with "crossdock secret set ${secret.vaultName}" before deploying`,
          severity: 'warning',
        });
      }
    }
  }

  const issues = pathIssues.map((issue) => located(source, issue)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const hasErrors = issues.some((issue) => issue.severity === 'error');
  return {
    file: hasErrors ? null : file,
    issues,
    environments,
    order,
    summary: file ? summarise(file, order, files, secretStored, interpolated.referenced) : null,
  };
}

/**
 * compose-go's WithProfiles: a service with profiles runs only when one of them is enabled (`*`
 * enables all). A dependency on a left-out service that is not required is dropped, as
 * compose does not wait for it; a required one is checkReferences' to report.
 */
function withProfiles(file: ComposeFile, profiles: string[]): ComposeFile {
  const enabled = (spec: ComposeFile['services'][string]): boolean =>
    !spec.profiles || profiles.includes('*') || spec.profiles.some((p) => profiles.includes(p));
  const services: ComposeFile['services'] = {};
  const disabledServices: Record<string, string[]> = {};
  for (const [name, spec] of Object.entries(file.services)) {
    if (enabled(spec)) services[name] = spec;
    else disabledServices[name] = spec.profiles ?? [];
  }
  for (const spec of Object.values(services)) {
    for (const [dependency, d] of Object.entries(spec.dependsOn))
      if (disabledServices[dependency] && !d.required) delete spec.dependsOn[dependency];
  }
  return { ...file, services, disabledServices };
}

/** `./web.env`, `web.env` and `a/../web.env` name the same file. */
export function normaliseFilePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + parts.join('/');
}

function normaliseFiles(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files).map(([path, text]) => [normaliseFilePath(path), text]));
}

/** Drops `x-` extension keys where the specification allows them: top level and each definition. */
function withoutExtensions(root: Record<string, unknown>): Record<string, unknown> {
  const strip = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')))
      : value;
  const out = strip(root) as Record<string, unknown>;
  for (const section of DEFINITION_SECTIONS) {
    const definitions = out[section];
    if (typeof definitions === 'object' && definitions !== null && !Array.isArray(definitions)) {
      out[section] = Object.fromEntries(Object.entries(definitions).map(([key, value]) => [key, strip(value)]));
    }
  }
  return out;
}

function fromZodIssue(issue: z.core.$ZodIssue): PathIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const parent = path.findLast((p): p is string => typeof p === 'string');
      const hint = UNSUPPORTED_HINTS[`${parent}.${key}`] ?? UNSUPPORTED_HINTS[key];
      if (hint || isSpecKey(key, path))
        return {
          path: [...path, key],
          message: hint ? `not supported: ${hint}` : 'not supported',
          severity: 'error' as const,
          atKey: true,
        };
      const nearest = nearestKey(key, keysAt(path));
      return {
        path: [...path, key],
        message: nearest
          ? `unknown key: did you mean "${nearest}"?`
          : 'unknown key: not part of the Compose Specification',
        severity: 'error' as const,
        atKey: true,
      };
    });
  }
  // A missing key has no place of its own: point at the key of the map that lacks it.
  if (issue.message.startsWith('is required'))
    return [{ path, message: issue.message, severity: 'error', at: path.slice(0, -1), atKey: true }];
  return [{ path, message: issue.message, severity: 'error' }];
}

function located(source: YamlSource, issue: PathIssue): ComposeIssue {
  const place = source.locate(issue.at ?? issue.path, issue.atKey === true);
  return {
    path: issue.path.join('.'),
    line: place?.line ?? null,
    column: place?.column ?? null,
    message: issue.message,
    severity: issue.severity,
  };
}

/** `args: [KEY]` takes KEY from the variables, as compose does; without one the Dockerfile's default holds. */
function resolveBuildArgs(file: ComposeFile, lookup: (name: string) => string | undefined): void {
  for (const service of Object.values(file.services)) {
    if (!service.build) continue;
    const args: Record<string, string> = {};
    for (const [key, value] of Object.entries(service.build.args)) {
      const resolved = value ?? lookup(key);
      if (resolved !== undefined) args[key] = resolved;
    }
    service.build.args = args;
  }
}

function resolveEnvironments(
  file: ComposeFile,
  files: Map<string, string>,
  lookup: (name: string) => string | undefined,
): { environments: Record<string, Record<string, string>>; issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const environments: Record<string, Record<string, string>> = {};
  for (const [name, service] of Object.entries(file.services)) {
    const env: Record<string, string> = {};
    service.envFiles.forEach((envFile, i) => {
      const path: DocPath = ['services', name, 'env_file', i];
      const text = files.get(normaliseFilePath(envFile.path));
      if (text === undefined) {
        if (envFile.required) {
          issues.push({
            path,
            message: `the env file "${envFile.path}" was not given: the CLI reads it next to the compose file; in the app, add it to the deploy`,
            severity: 'error',
          });
        }
        return;
      }
      const parsed = parseEnvFile(text);
      for (const problem of parsed.problems)
        issues.push({ path, message: `${envFile.path} line ${problem.line}: ${problem.message}`, severity: 'error' });
      Object.assign(env, parsed.values);
    });
    for (const [key, value] of Object.entries(service.environment)) {
      const resolved = value ?? lookup(key);
      if (resolved !== undefined) env[key] = resolved;
      else delete env[key];
    }
    environments[name] = env;
  }
  return { environments, issues };
}

function summarise(
  file: ComposeFile,
  order: string[],
  files: Map<string, string>,
  secretStored: (vaultName: string) => boolean,
  referenced: Set<string>,
): ComposeSummary {
  const envFiles = new Map<string, { path: string; required: boolean; provided: boolean }>();
  for (const service of Object.values(file.services)) {
    for (const envFile of service.envFiles) {
      const key = normaliseFilePath(envFile.path);
      const known = envFiles.get(key);
      envFiles.set(key, {
        path: envFile.path,
        required: (known?.required ?? false) || envFile.required,
        provided: files.has(key),
      });
    }
  }
  return {
    name: file.name,
    services: order.map((name) => {
      const service = file.services[name];
      return {
        name,
        image: service?.image ?? '',
        build: service?.build?.context ?? null,
        ports: service?.ports ?? [],
        dependsOn: Object.keys(service?.dependsOn ?? {}),
        volumes: (service?.volumes ?? []).map((m) => (m.source ? `${m.source}:${m.target}` : m.target)),
      };
    }),
    volumes: Object.keys(file.volumes),
    networks: Object.keys(file.networks),
    envFiles: [...envFiles.values()],
    secrets: Object.entries(file.secrets).map(([name, s]) => ({
      name,
      vaultName: s.vaultName,
      stored: secretStored(s.vaultName),
    })),
    variables: [...referenced].sort(),
  };
}
