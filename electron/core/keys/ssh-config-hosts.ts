import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import SSHConfig, { LineType, type Line } from 'ssh-config';

/** A concrete `Host` from the user's SSH config, offered as a suggestion when adding a host. */
export interface SshConfigHost {
  alias: string;
  /** `HostName`, or the alias itself when there is none (as ssh does). */
  hostName: string;
  user?: string;
  port?: number;
  /** The first `IdentityFile`, with `~` and `%d` expanded. */
  identityFile?: string;
}

/** OpenSSH's own limit on nested Includes (READCONF_MAX_DEPTH). */
const MAX_INCLUDE_DEPTH = 16;

/**
 * Lists the concrete hosts of an SSH config: every alias of every `Host` line that is not a
 * pattern, with the values ssh would use for it (first match wins, `Host *` defaults included).
 * `Include` is followed here because the ssh-config package parses it but does not read the
 * files; relative includes resolve against the config's directory (`~/.ssh` by default, as in
 * OpenSSH). A missing file gives `[]`.
 */
export function readSshConfigHosts(path = join(homedir(), '.ssh', 'config'), home = homedir()): SshConfigHost[] {
  const text = readWithIncludes(path, { home, baseDir: dirname(path) }, []);
  if (text === null) return [];
  const config = withoutDnsLookups(SSHConfig.parse(text));
  return concreteAliases(config).map((alias) => hostFor(config, alias, home));
}

function hostFor(config: SSHConfig, alias: string, home: string): SshConfigHost {
  // matchExec off: reading suggestions must never run the shell commands of `Match exec`.
  const computed = config.compute(alias, { ignoreCase: true, matchExec: false });
  const first = (key: string): string | undefined => {
    const value = computed[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const host: SshConfigHost = {
    alias,
    hostName: (first('hostname') ?? alias).replace(/%h/g, alias).replace(/%%/g, '%'),
  };
  const user = first('user');
  if (user) host.user = user;
  const port = Number(first('port'));
  if (Number.isInteger(port) && port > 0 && port < 65536) host.port = port;
  const identityFile = first('identityfile');
  if (identityFile && identityFile.toLowerCase() !== 'none') host.identityFile = expandHome(identityFile, home);
  return host;
}

function concreteAliases(config: SSHConfig): string[] {
  const aliases: string[] = [];
  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE || !/^host$/i.test(line.param)) continue;
    const values = typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map(({ val }) => val);
    for (const alias of values) {
      if (alias && !/[*?!]/.test(alias) && !aliases.includes(alias)) aliases.push(alias);
    }
  }
  return aliases;
}

/** ssh-config resolves `CanonicalizeHostName yes` by running nslookup; suggestions must not touch the network. */
function withoutDnsLookups(config: SSHConfig): SSHConfig {
  const isCanonicalize = (line: Line): boolean =>
    line.type === LineType.DIRECTIVE && /^canonicalizehostname$/i.test(line.param);
  for (const line of config) {
    if ('config' in line) withoutDnsLookups(line.config);
  }
  for (let i = config.length - 1; i >= 0; i--) {
    if (isCanonicalize(config[i]!)) config.splice(i, 1);
  }
  return config;
}

interface IncludeContext {
  home: string;
  baseDir: string;
}

/** The file's text with each `Include` line replaced by the included files' text, in order. */
function readWithIncludes(path: string, context: IncludeContext, stack: string[]): string | null {
  // A file that includes itself (directly or through others) is read once per chain, not forever.
  if (stack.includes(path) || stack.length > MAX_INCLUDE_DEPTH) return '';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw error;
  }
  return text
    .split(/\r?\n/)
    .map((line) => {
      const include = /^\s*include(?:\s*=\s*|\s+)(.+)$/i.exec(line);
      if (!include) return line;
      return includeArguments(include[1]!)
        .flatMap((pattern) => expandPattern(expandHome(pattern, context.home), context.baseDir))
        .map((file) => readWithIncludes(file, context, [...stack, path]) ?? '')
        .join('\n');
    })
    .join('\n');
}

function includeArguments(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '').filter(Boolean);
}

/** Glob characters are honoured in the last path segment, which covers the usual `config.d/*`. */
function expandPattern(pattern: string, baseDir: string): string[] {
  const full = isAbsolute(pattern) ? pattern : join(baseDir, pattern);
  const name = basename(full);
  if (!/[*?]/.test(name)) return [full];
  const matcher = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  try {
    return readdirSync(dirname(full))
      .filter((entry) => matcher.test(entry))
      .sort()
      .map((entry) => join(dirname(full), entry));
  } catch {
    return [];
  }
}

function expandHome(path: string, home: string): string {
  return path
    .replace(/^~(?=$|[/\\])/, home)
    .replace(/%d/g, home)
    .replace(/%%/g, '%');
}
