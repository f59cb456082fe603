import { CrossdockError } from '../../../../shared/index.js';
import type { HostExecOptions, TransferHost } from './types.js';

/** The last part of a command's error output, for messages (whole lines, at most ~600 characters). */
export function errorTail(text: string, limit = 600): string {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return trimmed;
  const tail = trimmed.slice(-limit);
  const newline = tail.indexOf('\n');
  return `…${newline >= 0 && newline < tail.length - 1 ? tail.slice(newline + 1) : tail}`;
}

/** A command on `host` that failed: names the host and what it was doing, with its error output. */
export function commandFailed(
  host: TransferHost,
  what: string,
  exit: { exitCode: number | null; exitSignal?: string | null },
  stderr: string,
): CrossdockError {
  const how = exit.exitCode !== null ? `exit code ${exit.exitCode}` : `signal ${exit.exitSignal ?? 'unknown'}`;
  const output = errorTail(stderr);
  return new CrossdockError(
    'FAILED_PRECONDITION',
    `${what} on ${host.name} failed (${how})${output ? `: ${output}` : ''}`,
    {
      host: host.name,
      exitCode: exit.exitCode,
    },
  );
}

/** Throws CANCELLED when `signal` has fired (for steps made of quick calls that take no signal). */
export function throwIfCancelled(signal: AbortSignal | undefined, host: TransferHost, what: string): void {
  if (signal?.aborted)
    throw new CrossdockError('CANCELLED', `${what} on ${host.name} was cancelled.`, { host: host.name });
}

/**
 * True when error output says a disk filled up. GNU tar reports a full disk during extraction as
 * a short write ("Wrote only 3072 of 10240 bytes") without the errno text.
 */
export function saysNoSpace(stderr: string): boolean {
  return /no space left on device|disk quota exceeded|wrote only \d+ of \d+ bytes/i.test(stderr);
}

/** Runs a command that must succeed; returns its stdout (UTF-8). */
export async function runChecked(
  host: TransferHost,
  command: string,
  what: string,
  options: HostExecOptions = {},
): Promise<string> {
  const result = await host.exec(command, options);
  if (result.exitCode !== 0) throw commandFailed(host, what, result, result.stderr);
  return result.stdout;
}

/**
 * Runs a command that must succeed and returns its stdout as bytes: file names are bytes on
 * Linux, and decoding them as UTF-8 would change the ones that are not valid UTF-8.
 */
export async function runBinary(
  host: TransferHost,
  command: string,
  what: string,
  options: HostExecOptions = {},
): Promise<Buffer> {
  const proc = await host.spawn(command, options);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  proc.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  proc.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const status = await proc.exited;
  if (status.cancelled)
    throw new CrossdockError('CANCELLED', `${what} on ${host.name} was cancelled.`, { host: host.name });
  const stderr = Buffer.concat(err).toString('utf8');
  if (status.exitCode !== 0) throw commandFailed(host, what, status, stderr);
  return Buffer.concat(out);
}

/**
 * The host's clock in seconds since the epoch with its fraction (`date +%s.%N`); where date has
 * no %N (busybox), the whole seconds, which are never later than the true time.
 */
export async function hostClockPrecise(host: TransferHost, signal?: AbortSignal): Promise<number> {
  const out = (await runChecked(host, 'date +%s.%N', 'Reading the clock', { signal })).trim();
  const now = /^\d+\.\d+$/.test(out) ? Number(out) : Number.parseInt(out, 10);
  if (!Number.isFinite(now))
    throw new CrossdockError('FAILED_PRECONDITION', `date on ${host.name} printed no time`, { host: host.name });
  return now;
}

/** The host's clock in whole seconds since the epoch. */
export async function hostClockSeconds(host: TransferHost, signal?: AbortSignal): Promise<number> {
  return Math.floor(await hostClockPrecise(host, signal));
}
