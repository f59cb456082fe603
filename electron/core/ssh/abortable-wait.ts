import type { Client } from 'ssh2';
import { CrossdockError } from '../../../shared/index.js';

/** Waits for `promise`, or rejects with CANCELLED when `signal` fires first (the work goes on). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, host: string): Promise<T> {
  if (!signal) return promise;
  const cancelled = (): CrossdockError =>
    new CrossdockError('CANCELLED', `Connecting to ${host} was cancelled.`, { host });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Resolves once an ended ssh2 client has closed its socket (gives up waiting after 2 s). */
export function clientClosed(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    timer.unref();
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
