import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The name a host is filed under in known_hosts: the bare host for port 22, `[host]:port`
 * otherwise (OpenSSH's convention; it never falls back to the bare name for other ports).
 * Lower-cased, since OpenSSH compares host names case-insensitively.
 */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/**
 * OpenSSH's glob: `*` matches any run of characters (also none), `?` exactly one; everything
 * else, brackets included, is literal. Iterative with one backtrack point, so a hostile pattern
 * cannot make it slow (no regular expression is built from file content).
 */
export function matchWildcard(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Whether a comma-separated pattern list (the first field of a known_hosts line) matches
 * `name`. As in OpenSSH's match_hostname: a matching negated pattern (`!pattern`) makes the whole
 * list fail, whatever else matches; otherwise one matching positive pattern is enough.
 */
export function matchPatternList(patterns: string, name: string): boolean {
  const lower = name.toLowerCase();
  let positive = false;
  for (const raw of patterns.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (pattern === '') continue;
    if (matchWildcard(lower, pattern)) {
      if (negated) return false;
      positive = true;
    }
  }
  return positive;
}

/** A hashed host field `|1|salt|hash`, decoded. */
export interface HashedHost {
  salt: Buffer;
  hash: Buffer;
}

/** Decodes `|1|base64salt|base64hash` (what `ssh-keygen -H` writes); null if it is not one. */
export function parseHashedHost(field: string): HashedHost | null {
  const parts = field.split('|');
  if (parts.length !== 4 || parts[0] !== '' || parts[1] !== '1') return null;
  const salt = Buffer.from(parts[2] ?? '', 'base64');
  const hash = Buffer.from(parts[3] ?? '', 'base64');
  // HMAC-SHA1: a 20-byte digest, keyed with a 20-byte salt.
  if (salt.length !== 20 || hash.length !== 20) return null;
  return { salt, hash };
}

/** Whether `name` (from {@link knownHostsName}) is the one hashed into `hashed`. */
export function matchHashedHost(hashed: HashedHost, name: string): boolean {
  const digest = createHmac('sha1', hashed.salt).update(name.toLowerCase()).digest();
  return timingSafeEqual(digest, hashed.hash);
}
