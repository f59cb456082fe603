import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import {
  CrossdockError,
  noArgs,
  type CallContext,
  type Chunks,
  type Contract,
  type EventFilters,
  type NoArgs,
  type ServerImpl,
} from '../../../shared/index.js';

/** A small contract that exercises every path of the RPC layer. */
export interface TestApi {
  math: {
    add(args: { a: number; b: number }): Promise<number>;
    /** Throws a CrossdockError that also carries a private key in an extra field. */
    leakExpected(args: NoArgs): Promise<never>;
    /** Throws a plain Error whose message and fields hold a secret. */
    leakUnexpected(args: NoArgs): Promise<never>;
    /** Waits until cancelled (or `ms`), reporting what its signal saw. */
    slow(args: { ms: number }): Promise<string>;
    /** Reports progress 1..to, then returns `to`. */
    count(args: { to: number }): Promise<number>;
    /** Streams `lines` numbered lines; with `follow`, keeps the stream open until cancelled. */
    tail(args: { lines: number; follow: boolean }, chunks?: Chunks<{ line: string }>): Promise<number>;
  };
}

export type TestEvents = { tick: { n: number; channel: string } };
/** A `tick` subscription may ask for one channel's ticks only. */
export type TestEventFilters = { tick: { channel: string } };

export const testEventFilters: EventFilters<TestEvents, TestEventFilters> = {
  tick: {
    schema: z.strictObject({ channel: z.string().min(1) }),
    matches: (tick, { channel }) => tick.channel === channel,
  },
};

export const testContract: Contract<TestApi> = {
  math: {
    add: z.strictObject({ a: z.number(), b: z.number() }),
    leakExpected: noArgs,
    leakUnexpected: noArgs,
    slow: z.strictObject({ ms: z.number().int().positive() }),
    count: z.strictObject({ to: z.number().int().min(1).max(1000) }),
    tail: z.strictObject({ lines: z.number().int().min(0), follow: z.boolean() }),
  },
};

export const SECRET = '-----BEGIN OPENSSH PRIVATE KEY-----b3BlbnNzaC1rZXktdjEAAAAA-----END OPENSSH PRIVATE KEY-----';

export function createTestImpl(): { impl: ServerImpl<TestApi>; calls: string[]; aborted: Promise<AbortSignal> } {
  const calls: string[] = [];
  let resolveAborted: (signal: AbortSignal) => void = () => undefined;
  const aborted = new Promise<AbortSignal>((resolve) => (resolveAborted = resolve));
  const impl: ServerImpl<TestApi> = {
    math: {
      add: async ({ a, b }) => {
        calls.push('add');
        return a + b;
      },
      leakExpected: async () => {
        calls.push('leakExpected');
        throw Object.assign(new CrossdockError('AUTH_FAILED', 'The key was refused by web-1', { host: 'web-1' }), {
          privateKey: SECRET,
        });
      },
      leakUnexpected: async () => {
        calls.push('leakUnexpected');
        throw Object.assign(new Error(`could not parse ${SECRET}`), { privateKey: SECRET });
      },
      slow: async ({ ms }, ctx: CallContext) => {
        calls.push('slow');
        ctx.signal.addEventListener('abort', () => resolveAborted(ctx.signal), { once: true });
        await sleep(ms, undefined, { signal: ctx.signal });
        return 'finished';
      },
      count: async ({ to }, ctx) => {
        calls.push('count');
        for (let n = 1; n <= to; n++) ctx.progress({ fraction: n / to, step: `step ${n}` });
        return to;
      },
      tail: async ({ lines, follow }, ctx) => {
        calls.push('tail');
        for (let n = 1; n <= lines; n++) ctx.emit({ line: `line ${n}` });
        if (follow) {
          ctx.signal.addEventListener('abort', () => resolveAborted(ctx.signal), { once: true });
          await new Promise((_resolve, reject) =>
            ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true }),
          );
        }
        return lines;
      },
    },
  };
  return { impl, calls, aborted };
}
