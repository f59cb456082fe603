import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CrossdockError } from '../../../shared/index.js';

/** The Docker client's config file: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const dir = env.DOCKER_CONFIG?.trim() ? env.DOCKER_CONFIG : join(env.HOME?.trim() ? env.HOME : home, '.docker');
  return join(dir, 'config.json');
}

/** A login written in `auths`: `auth` (base64 of `user:password`), or `identitytoken`. */
export interface InlineLogin {
  server: string;
  username?: string;
  password?: string;
  identityToken?: string;
}

/** What the Docker client config says about logins, read leniently (unknown keys are ignored). */
export interface DockerLoginConfig {
  /** Every `auths` key, including empty `{}` entries that Docker Desktop writes for its credsStore. */
  auths: InlineLogin[];
  credsStore: string | null;
  /** Registry key → helper name. */
  credHelpers: Record<string, string>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses the config file's text; INVALID_ARGUMENT naming the file when it is not JSON. */
export function parseDockerConfig(source: string, path: string): DockerLoginConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    throw new CrossdockError('INVALID_ARGUMENT', `${path} is not valid JSON; fix or move it and import again`, {
      path,
    });
  }
  const config = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const auths: InlineLogin[] = [];
  const rawAuths = typeof config.auths === 'object' && config.auths !== null ? config.auths : {};
  for (const [server, value] of Object.entries(rawAuths as Record<string, unknown>)) {
    const entry = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const login: InlineLogin = { server };
    const encoded = text(entry.auth);
    if (encoded) {
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        login.username = decoded.slice(0, colon);
        login.password = decoded.slice(colon + 1);
      }
    } else {
      const username = text(entry.username);
      const password = text(entry.password);
      if (username) login.username = username;
      if (password) login.password = password;
    }
    const identityToken = text(entry.identitytoken);
    if (identityToken) login.identityToken = identityToken;
    auths.push(login);
  }
  const credHelpers: Record<string, string> = {};
  if (typeof config.credHelpers === 'object' && config.credHelpers !== null) {
    for (const [server, helper] of Object.entries(config.credHelpers as Record<string, unknown>)) {
      if (text(helper)) credHelpers[server] = helper as string;
    }
  }
  return { auths, credsStore: text(config.credsStore) ?? null, credHelpers };
}

/** Reads the config at `path`, or null when there is no such file. */
export function readDockerConfig(path: string): DockerLoginConfig | null {
  if (!existsSync(path)) return null;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `Could not read ${path} (${error instanceof Error ? error.message : String(error)}); check its permissions`,
      { path },
    );
  }
  return parseDockerConfig(source, path);
}
