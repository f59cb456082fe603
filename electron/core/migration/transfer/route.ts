import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { generateEd25519Key } from '../../keys/generate-key.js';
import { errorTail, runChecked, throwIfCancelled } from './host-commands.js';
import {
  AUTHORIZE_KEY_SCRIPT,
  ROUTE_DIR_PREFIX,
  authorizedKeyLine,
  checkMigrationId,
  knownHostsLine,
  parseKeyscan,
  removeRouteDirsScript,
  sshCommand,
  unauthorizeKeyScript,
} from './route-key.js';
import type { Route, RouteOptions, RouteProbe, TransferHost } from './types.js';

/** An open route. `direct` holds what the pipe needs on the source; null for a relay. */
export class TransferRoute implements Route {
  private closing: Promise<void> | null = null;

  constructor(
    readonly kind: 'direct' | 'relay',
    readonly reason: string,
    readonly migrationId: string,
    readonly from: TransferHost,
    readonly to: TransferHost,
    /** The route's directory on the source and the ssh command (up to `user@address`) that reaches the target. */
    readonly direct: { dir: string; ssh: string } | null,
  ) {}

  close(): Promise<void> {
    this.closing ??= this.direct
      ? removeDirectRoute(this.from, this.to, this.migrationId, this.direct.dir)
      : Promise.resolve();
    return this.closing;
  }
}

/** A route's internals as the pipe sees them (every Route this module hands out is one). */
export function routeInternals(route: Route): TransferRoute {
  if (!(route instanceof TransferRoute)) throw new Error('not a route from openRoute()');
  return route;
}

type ProbeOutcome = RouteProbe & { hostKey?: ReturnType<typeof parseKeyscan>[number] };

// ssh-keyscan's own timeout on the source, in seconds.
const SCAN_TIMEOUT_S = 5;

async function probe(source: TransferHost, target: TransferHost, options: RouteOptions): Promise<ProbeOutcome> {
  checkMigrationId(options.migrationId);
  if (options.forceRelay) return { kind: 'relay', reason: 'relaying through this computer, as asked' };
  if (!target.ssh) {
    const why = target.local
      ? 'is the engine on this computer, which other hosts cannot log in to'
      : 'has no SSH address';
    return { kind: 'relay', reason: `${target.name} ${why}: data is relayed through this computer` };
  }
  const reach = target.ssh;
  const endpoint = `${reach.address}:${reach.port}`;
  const scan = await source.exec(
    [
      'command -v ssh >/dev/null 2>&1 && command -v ssh-keyscan >/dev/null 2>&1 || { echo "@crossdock no-ssh-client"; exit 0; }',
      `ssh-keyscan -T ${SCAN_TIMEOUT_S} -p ${reach.port} ${shQuote(reach.address)} 2>/dev/null`,
    ].join('\n'),
    { signal: options.signal },
  );
  if (scan.stdout.includes('@crossdock no-ssh-client')) {
    return {
      kind: 'relay',
      reason: `${source.name} has no ssh client (openssh-client): data is relayed through this computer`,
    };
  }
  const keys = parseKeyscan(scan.stdout);
  if (keys.length === 0) {
    return {
      kind: 'relay',
      reason: `${source.name} cannot reach ${target.name} at ${endpoint} over SSH (no answer within ${SCAN_TIMEOUT_S} s): data is relayed through this computer`,
    };
  }
  const hostKey = keys.find((key) => key.fingerprint === reach.hostKeyFingerprint);
  if (!hostKey) {
    return {
      kind: 'relay',
      reason: `${source.name} sees another host key at ${endpoint} (${keys.map((k) => k.fingerprint).join(', ')}) than the one pinned for ${target.name} (${reach.hostKeyFingerprint}): data is relayed through this computer`,
    };
  }
  return {
    kind: 'direct',
    reason: `${source.name} reaches ${target.name} at ${endpoint} over SSH, host key ${reach.hostKeyFingerprint} as pinned`,
    hostKey,
  };
}

/** Whether data can flow directly from the source to the target, and why. Runs `ssh-keyscan` on the source; leaves nothing behind. */
export async function probeRoute(
  source: TransferHost,
  target: TransferHost,
  options: RouteOptions,
): Promise<RouteProbe> {
  const { kind, reason } = await probe(source, target, options);
  return { kind, reason };
}

/**
 * Opens the route. Direct: a new ed25519 key, authorised on the target for this migration only (no
 * forwarding, no pty, expiring in two days if never removed); its private half goes to the source
 * on stdin into a 0700 `mktemp -d` directory beside a known_hosts holding only the target's pinned
 * key. One `ssh … true` from the source proves it works; if it does not, the route becomes a relay
 * and says why.
 */
export async function openRoute(source: TransferHost, target: TransferHost, options: RouteOptions): Promise<Route> {
  const found = await probe(source, target, options);
  const { migrationId, signal } = options;
  if (found.kind === 'relay' || !found.hostKey || !target.ssh)
    return new TransferRoute('relay', found.reason, migrationId, source, target, null);

  const key = generateEd25519Key(`crossdock-migration-${migrationId}`);
  const facts = await target.exec('ssh -V 2>&1; date -d "+2 days" +%Y%m%d%H%M 2>/dev/null', { signal });
  const expiresAt = supportsExpiry(facts.stdout) ? (/^\d{12}$/m.exec(facts.stdout)?.[0] ?? null) : null;
  let dir: string | null = null;
  try {
    await runChecked(target, `sh -c ${shQuote(AUTHORIZE_KEY_SCRIPT)}`, 'Authorising the migration key', {
      stdin: `${authorizedKeyLine(key.publicKey, migrationId, expiresAt)}\n`,
      signal,
    });
    const made = await runChecked(
      source,
      source.asRoot(
        [
          'set -eu',
          'umask 077',
          `d=$(mktemp -d ${ROUTE_DIR_PREFIX}${migrationId}.XXXXXX)`,
          'cat >"$d/key"',
          `printf '%s\\n' ${shQuote(knownHostsLine(found.hostKey))} >"$d/known_hosts"`,
          'echo "$d"',
        ].join('\n'),
      ),
      'Preparing the migration key',
      { stdin: key.privateKey, signal },
    );
    dir = made.trim();
    const ssh = sshCommand(shQuote(dir), target.ssh, found.hostKey.keyType);
    const check = await source.exec(source.asRoot(`${ssh} true </dev/null`), { signal });
    if (check.exitCode !== 0) {
      await removeDirectRoute(source, target, migrationId, dir);
      const why = errorTail(check.stderr, 300) || `exit code ${check.exitCode}`;
      return new TransferRoute(
        'relay',
        `${source.name} could not log in to ${target.name} with the migration key (${why}): data is relayed through this computer`,
        migrationId,
        source,
        target,
        null,
      );
    }
    return new TransferRoute('direct', found.reason, migrationId, source, target, { dir, ssh });
  } catch (error) {
    await removeDirectRoute(source, target, migrationId, dir).catch(() => undefined);
    throw error;
  }
}

/** `expiry-time` in authorized_keys came with OpenSSH 7.7; an older sshd would refuse the whole line. */
function supportsExpiry(versionOutput: string): boolean {
  const match = /OpenSSH_(\d+)\.(\d+)/.exec(versionOutput);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 7 || (major === 7 && minor >= 7);
}

/** Removes the key from the target and the directory from the source; tries both, then reports what failed. */
async function removeDirectRoute(
  source: TransferHost,
  target: TransferHost,
  migrationId: string,
  dir: string | null,
): Promise<void> {
  const sourceFiles = removeRouteDirsScript(migrationId, dir);
  // Both are tried whatever happens to the other (asRoot itself may throw: no root on the source).
  const results = await Promise.allSettled([
    Promise.resolve().then(() =>
      runChecked(target, `sh -c ${shQuote(unauthorizeKeyScript(migrationId))}`, 'Removing the migration key'),
    ),
    Promise.resolve().then(() => runChecked(source, source.asRoot(sourceFiles), 'Removing the migration key files')),
  ]);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 0) return;
  const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
  throw new CrossdockError(
    'FAILED_PRECONDITION',
    `Migration ${migrationId} left files behind: ${messages.join('; ')}`,
    {
      migrationId,
      host:
        failures.length === 2
          ? `${source.name}, ${target.name}`
          : results[0].status === 'rejected'
            ? target.name
            : source.name,
    },
  );
}

/**
 * Removes whatever a route of `migrationId` may have left after a crash: its key lines in the
 * target's authorized_keys and its directories on the source. Idempotent.
 */
export async function removeRouteLeftovers(
  source: TransferHost,
  target: TransferHost,
  migrationId: string,
  signal?: AbortSignal,
): Promise<void> {
  checkMigrationId(migrationId);
  throwIfCancelled(signal, target, `Removing migration ${migrationId}'s key`);
  await removeDirectRoute(source, target, migrationId, null);
}
