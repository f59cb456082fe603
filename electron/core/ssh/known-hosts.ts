// OpenSSH known_hosts, read by hand: the npm packages for this either skip hashed `|1|` entries,
// `[host]:port`, negation or `@revoked`, or treat `@cert-authority` lines as host keys. The format
// is small and documented in sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"; this follows OpenSSH's
// hostfile.c and match.c where the manual is silent.
import { readFile } from 'node:fs/promises';
import { keyTypeOfBlob, sha256Fingerprint } from './host-key-fingerprint.js';
import {
  knownHostsName,
  matchHashedHost,
  matchPatternList,
  parseHashedHost,
  type HashedHost,
} from './host-patterns.js';

/** What a known_hosts line says about its key. */
export type KnownHostMarker = 'none' | 'revoked' | 'cert-authority';

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
  marker: KnownHostMarker;
  /** The host field as written: a pattern list, or a hashed `|1|salt|hash` name. */
  hosts: string;
  keyType: string;
  /** `SHA256:…` of the key, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  /** 1-based line number, for messages. */
  line: number;
  /** Decoded salt and hash when `hosts` is a hashed name. */
  hashed: HashedHost | null;
}

/** The outcome of looking a presented host key up in known_hosts. */
export interface KnownHostLookup {
  /**
   * `match`: a line for this host holds this very key. `mismatch`: lines for this host hold keys
   * of the same type, none of them this one. `revoked`: a `@revoked` line for this host holds
   * this key. `unknown`: no line for this host has a key of this type.
   */
  status: 'match' | 'mismatch' | 'revoked' | 'unknown';
  /**
   * Fingerprints known for this host: those of the presented key's type (for `match` and
   * `mismatch`), or of other key types (for `unknown`: the host is known, with other key types).
   */
  knownFingerprints: string[];
}

/** Parses known_hosts text. Comments, blank lines and lines it cannot read are skipped, as ssh does. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = parseLine(raw.trim(), index + 1);
    if (entry) entries.push(entry);
  });
  return entries;
}

function parseLine(line: string, lineNumber: number): KnownHostEntry | null {
  if (line === '' || line.startsWith('#')) return null;
  const fields = line.split(/\s+/);
  let marker: KnownHostMarker = 'none';
  if (fields[0]?.startsWith('@')) {
    const name = fields.shift();
    if (name === '@revoked') marker = 'revoked';
    else if (name === '@cert-authority') marker = 'cert-authority';
    else return null;
  }
  const [hosts, keyType, base64] = fields;
  // Old SSH-1 lines ("host bits exponent modulus") have a number where the key type goes.
  if (!hosts || !keyType || !base64 || /^\d+$/.test(keyType)) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  const blob = Buffer.from(base64, 'base64');
  // ssh refuses a line whose key blob names another type than the line does.
  if (keyTypeOfBlob(blob) !== keyType) return null;
  const hashed = hosts.startsWith('|') ? parseHashedHost(hosts) : null;
  if (hosts.startsWith('|') && !hashed) return null;
  return { marker, hosts, keyType, fingerprint: sha256Fingerprint(blob), line: lineNumber, hashed };
}

/** Whether the line's host field names this host (and port). */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  return entry.hashed ? matchHashedHost(entry.hashed, name) : matchPatternList(entry.hosts, name);
}

/**
 * Looks up the key a host presented (its type and SHA256 fingerprint) in parsed known_hosts.
 * A revoked key wins over everything; `@cert-authority` lines are not host keys and are ignored
 * (Crossdock does not do host certificates).
 */
export function lookup(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  keyType: string,
  fingerprint: string,
): KnownHostLookup {
  const forHost = entries.filter((entry) => entry.marker !== 'cert-authority' && entryMatchesHost(entry, host, port));
  if (forHost.some((entry) => entry.marker === 'revoked' && entry.fingerprint === fingerprint)) {
    return { status: 'revoked', knownFingerprints: [] };
  }
  const keys = forHost.filter((entry) => entry.marker === 'none');
  const sameType = unique(keys.filter((entry) => entry.keyType === keyType).map((entry) => entry.fingerprint));
  if (sameType.includes(fingerprint)) return { status: 'match', knownFingerprints: sameType };
  if (sameType.length > 0) return { status: 'mismatch', knownFingerprints: sameType };
  return { status: 'unknown', knownFingerprints: unique(keys.map((entry) => entry.fingerprint)) };
}

/** The key types known_hosts holds for a host, so the client can ask for those first (as ssh does). */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  return unique(
    entries
      .filter((entry) => entry.marker === 'none' && entryMatchesHost(entry, host, port))
      .map((entry) => entry.keyType),
  );
}

/** Reads and parses a known_hosts file; a missing file is an empty one. */
export async function readKnownHostsFile(path: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
