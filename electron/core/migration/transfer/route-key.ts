// The pieces of a direct route: the ephemeral key's line in the target's authorized_keys, the files
// on the source (private key, known_hosts with the target's pinned key) and the ssh command line
// the source runs.
import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { sha256Fingerprint } from '../../ssh/host-key-fingerprint.js';
import type { SshReach } from './types.js';

/** Where the source keeps a route's files: `mktemp -d` under /tmp, found again by this prefix after a crash. */
export const ROUTE_DIR_PREFIX = '/tmp/crossdock-migration-';

/**
 * Shell script (as root on the source) that stops the route's ssh master and removes the route's
 * directory: `dir`, or every directory of the migration when null (after a crash).
 */
export function removeRouteDirsScript(migrationId: string, dir: string | null): string {
  const dirs = dir ? shQuote(dir) : `${ROUTE_DIR_PREFIX}${migrationId}.??????`;
  return [
    `for d in ${dirs}; do`,
    '  [ -d "$d" ] || continue',
    '  [ -S "$d/c" ] && ssh -o ControlPath="$d/c" -O exit crossdock-migration-target >/dev/null 2>&1',
    '  rm -rf -- "$d"',
    'done',
    'true',
  ].join('\n');
}

/** The alias the target's key is filed under in the source's known_hosts (so the port needs no `[host]:port` form). */
const HOST_KEY_ALIAS = 'crossdock-migration-target';

/**
 * Migration ids end up in file names and authorized_keys comments: keep them plain, and short
 * enough for the ssh control socket's path (108 bytes for a UNIX socket, and ssh first binds a
 * name 17 bytes longer): /tmp/crossdock-migration-ID.XXXXXX/c plus 17 with a 48-byte id is 99.
 */
export function checkMigrationId(migrationId: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$/.test(migrationId)) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `Migration id "${migrationId}" must be 1 to 48 letters, digits, ".", "_" and "-"`,
      { migrationId },
    );
  }
}

/** The comment that marks a migration's key in authorized_keys. */
export function keyComment(migrationId: string): string {
  return `crossdock-migration-${migrationId}`;
}

/**
 * The authorized_keys line: the key may run commands and nothing else (no forwarding, no pty, no
 * ~/.ssh/rc). `expiresAt` (the target's local time, `YYYYMMDDHHMM`, OpenSSH 7.7+) is a safety net
 * for a route never closed; close() removes the line.
 */
export function authorizedKeyLine(publicKey: string, migrationId: string, expiresAt: string | null): string {
  const [type, blob] = publicKey.trim().split(/\s+/);
  const options = ['no-agent-forwarding', 'no-X11-forwarding', 'no-port-forwarding', 'no-pty', 'no-user-rc'];
  if (expiresAt) options.push(`expiry-time="${expiresAt}"`);
  return `${options.join(',')} ${type} ${blob} ${keyComment(migrationId)}`;
}

/**
 * Shell script (run as the target's login user) that appends the line on stdin to
 * ~/.ssh/authorized_keys, with a newline first if the file does not end with one.
 */
export const AUTHORIZE_KEY_SCRIPT = [
  'set -eu',
  'umask 077',
  'mkdir -p "$HOME/.ssh"',
  'f="$HOME/.ssh/authorized_keys"',
  'if [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ]; then echo >>"$f"; fi',
  'cat >>"$f"',
].join('\n');

/**
 * Shell script (run as the target's login user) that removes every line of this migration's key.
 * The file is rewritten beside itself and renamed over it, so a failure halfway never truncates it.
 */
export function unauthorizeKeyScript(migrationId: string): string {
  const comment = shQuote(keyComment(migrationId));
  return [
    'set -eu',
    'f="$HOME/.ssh/authorized_keys"',
    `[ -f "$f" ] && grep -qF -- ${comment} "$f" || exit 0`,
    't=$(mktemp "$f.XXXXXX")',
    `awk -v c=${comment} '$NF != c' "$f" >"$t"`,
    'chmod "$(stat -c %a "$f")" "$t"',
    'mv -f "$t" "$f"',
  ].join('\n');
}

/** The source's key type names for `ssh-keyscan` lines: `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`. */
interface ScannedKey {
  keyType: string;
  blob: string;
  fingerprint: string;
}

/** Parses `ssh-keyscan` output (`host keytype base64` per line, comments skipped). */
export function parseKeyscan(output: string): ScannedKey[] {
  const keys: ScannedKey[] = [];
  for (const line of output.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0]?.startsWith('#')) continue;
    const [, keyType, blob] = fields as [string, string, string];
    const bytes = Buffer.from(blob, 'base64');
    if (bytes.length === 0) continue;
    keys.push({ keyType, blob, fingerprint: sha256Fingerprint(bytes) });
  }
  return keys;
}

/** The known_hosts line for the target on the source: only the key whose fingerprint Crossdock pinned. */
export function knownHostsLine(key: ScannedKey): string {
  return `${HOST_KEY_ALIAS} ${key.keyType} ${key.blob}`;
}

/** Host key algorithms that make the target present a key of `keyType` (an RSA key signs with SHA-2). */
function hostKeyAlgorithms(keyType: string): string {
  return keyType === 'ssh-rsa' ? 'rsa-sha2-512,rsa-sha2-256,ssh-rsa' : keyType;
}

/**
 * Ciphers the source offers, fastest first where the CPU has AES instructions (every x86-64 and
 * arm64 server of the last decade); OpenSSH's default order puts chacha20 first. See the
 * measurements in the transfer module's README comment (index.ts).
 */
export const CIPHERS = 'aes128-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr';

/**
 * The ssh command the source runs to reach the target with the ephemeral key, ending in
 * `user@address`, ready for a remote command. `dir` is the route's directory on the source (a shell
 * word, may be a variable). Strict about the host key, never prompts, ignores the source's own ssh
 * config and agent, no compression (the streams are tar and image layers, compression costs CPU
 * time the network does not save on a data-centre link). One login per route: the first ssh becomes
 * a master on a control socket in `dir` that later ones reuse (a login costs 0.3–0.6 s on a busy
 * machine with the default post-quantum key exchange, which would dominate a short delta pass); it
 * exits 60 s after its last use, or when the route closes ({@link removeRouteDirsScript}).
 */
export function sshCommand(dir: string, target: SshReach, keyType: string): string {
  const options = [
    '-o ControlMaster=auto',
    `-o ControlPath=${dir}/c`,
    '-o ControlPersist=60',
    '-F /dev/null',
    `-i ${dir}/key`,
    '-o IdentitiesOnly=yes',
    '-o IdentityAgent=none',
    '-o BatchMode=yes',
    '-o StrictHostKeyChecking=yes',
    `-o UserKnownHostsFile=${dir}/known_hosts`,
    '-o GlobalKnownHostsFile=/dev/null',
    `-o HostKeyAlias=${HOST_KEY_ALIAS}`,
    `-o HostKeyAlgorithms=${hostKeyAlgorithms(keyType)}`,
    '-o ConnectTimeout=10',
    '-o ServerAliveInterval=15',
    '-o ServerAliveCountMax=4',
    '-o Compression=no',
    `-o Ciphers=${CIPHERS}`,
    '-o ForwardAgent=no',
    '-o ForwardX11=no',
    '-o ClearAllForwardings=yes',
    '-o RequestTTY=no',
    '-o LogLevel=ERROR',
    `-p ${target.port}`,
  ];
  return `ssh ${options.join(' ')} ${shQuote(`${target.user}@${target.address}`)}`;
}
