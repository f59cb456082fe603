import type { ContainerStop } from '../domain/migrations.js';
import { counted } from './plural.js';

/** A running container's name and how Docker stops it. */
export interface NamedStop {
  name: string;
  stop: ContainerStop;
}

const isKill = (signal: string): boolean => /^(SIG)?KILL$|^9$/i.test(signal);

/** `SIGINT` as given, `INT` as `SIGINT`, `15` as `signal 15`. */
function signalName(signal: string): string {
  if (/^\d+$/.test(signal)) return `signal ${signal}`;
  const upper = signal.toUpperCase();
  return upper.startsWith('SIG') ? upper : `SIG${upper}`;
}

/**
 * The stops a plan recorded: plans journaled before stop settings were recorded (older
 * Crossdock versions) have none, and their estimate leaves the stop out rather than failing.
 */
function recorded(stops: readonly NamedStop[]): NamedStop[] {
  return stops.filter((s) => (s.stop as ContainerStop | undefined) !== undefined);
}

/** The longest one container's stop can take in ms; null when Docker waits without limit. */
function waitOf(stop: ContainerStop): number | null {
  if (isKill(stop.signal)) return 0;
  return stop.timeoutSeconds === null ? null : stop.timeoutSeconds * 1000;
}

/**
 * The longest stopping these containers can take, one after another as the migration stops them
 * (each gets its stop signal, and SIGKILL when it has not exited after its stop timeout); null
 * when one of them has no timeout (`StopTimeout` negative), so the wait has no bound.
 */
export function stopWaitMs(stops: readonly NamedStop[]): number | null {
  let total = 0;
  for (const { stop } of recorded(stops)) {
    const wait = waitOf(stop);
    if (wait === null) return null;
    total += wait;
  }
  return total;
}

function how(stop: ContainerStop, withTime: boolean): string {
  if (isKill(stop.signal)) return 'SIGKILL at once';
  const signal = signalName(stop.signal);
  if (stop.timeoutSeconds === null) return `${signal}, and Docker waits until it exits: the downtime has no bound`;
  if (stop.timeoutSeconds === 0) return `${signal}, then SIGKILL at once`;
  return withTime ? `${signal}, then SIGKILL after ${stop.timeoutSeconds} s` : `${signal}, then SIGKILL`;
}

const seconds = (ms: number): string => `${Math.ceil(ms / 1000)} s`;

/**
 * The stop wait in words, as the plan shows it: "stop: up to 10 s (SIGTERM, then SIGKILL)" for
 * one container, the containers one after another with their own signals and timeouts for
 * several. Empty when nothing runs (nothing is stopped).
 */
export function describeStopWait(all: readonly NamedStop[]): string {
  const stops = recorded(all);
  const first = stops[0];
  if (!first) return '';
  const wait = stopWaitMs(stops);
  const total = wait === null ? 'no time limit' : wait === 0 ? 'at once' : `up to ${seconds(wait)}`;
  const same = stops.every(
    (s) =>
      signalName(s.stop.signal) === signalName(first.stop.signal) &&
      s.stop.timeoutSeconds === first.stop.timeoutSeconds,
  );
  if (stops.length === 1) return `stop: ${total} (${how(first.stop, wait === null || wait === 0)})`;
  if (same)
    return `stop: ${total} (${counted(stops.length, 'container')} one after another, each ${how(first.stop, true)})`;
  return `stop: ${total} (one after another: ${stops.map((s) => `${s.name} ${how(s.stop, true)}`).join('; ')})`;
}
