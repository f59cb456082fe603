import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { CrossdockError, type ComposeInput, type ComposeIssue, type ComposeValidation } from '../../../shared/index.js';
import { referencedVariables } from '../../core/workloads/compose/interpolate.js';
import type { CommandContext } from './context.js';

/** A compose file read from disk, with what the core needs beside it. */
export interface ComposeOnDisk {
  path: string;
  dir: string;
  input: ComposeInput;
  validation: ComposeValidation;
}

/**
 * Reads a compose file the way docker compose finds its companions: `.env` next to it for
 * interpolation, env_file paths relative to it, and the shell environment for the variables the
 * file names (only those: the rest of the environment stays here).
 */
export async function readComposeFile(
  file: string,
  { client }: CommandContext,
  profiles?: string[],
): Promise<ComposeOnDisk> {
  const path = resolve(file);
  let compose: string;
  try {
    compose = readFileSync(path, 'utf8');
  } catch {
    throw new CrossdockError('NOT_FOUND', `Cannot read the compose file ${file}`, { file });
  }
  const dir = dirname(path);
  const variables: Record<string, string> = {};
  for (const name of referencedVariables(compose)) {
    const value = process.env[name];
    if (value !== undefined) variables[name] = value;
  }
  // As docker compose: --profile, else COMPOSE_PROFILES from the environment (then from .env).
  const fromEnvironment = process.env['COMPOSE_PROFILES'];
  if (fromEnvironment !== undefined) variables['COMPOSE_PROFILES'] = fromEnvironment;
  const files: Record<string, string> = {};
  if (existsSync(join(dir, '.env'))) files['.env'] = readFileSync(join(dir, '.env'), 'utf8');
  const input = { compose, files, variables, ...(profiles && profiles.length > 0 ? { profiles } : {}) };
  let validation = await client.api.workloads.validate(input);
  const wanted = validation.summary?.envFiles.filter((f) => !f.provided) ?? [];
  for (const envFile of wanted) {
    const onDisk = isAbsolute(envFile.path) ? envFile.path : join(dir, envFile.path);
    if (existsSync(onDisk)) files[envFile.path] = readFileSync(onDisk, 'utf8');
  }
  if (wanted.length > 0) validation = await client.api.workloads.validate(input);
  return { path, dir, input, validation };
}

/** `compose.yaml:4:5: services.web.deploy: not supported`, like a compiler's message. */
export function formatIssueAt(file: string, issue: ComposeIssue): string {
  const where = issue.line !== null ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  return `${where}: ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** Prints every issue on stderr; throws INVALID_ARGUMENT when any is an error. */
export function reportIssues(file: string, validation: ComposeValidation): void {
  for (const issue of validation.issues) process.stderr.write(`${formatIssueAt(file, issue)}\n`);
  const errors = validation.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `${file} has ${errors === 1 ? 'a problem' : `${errors} problems`} (above); nothing was deployed`,
      { file },
    );
}

/** docker compose's default project name: the compose file's folder, lowercased, other characters dropped. */
export function defaultProjectName(dir: string): string {
  return basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}
