import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CrossdockError,
  createRpcClient,
  serveRpc,
  type ProgressUpdate,
  type RpcClient,
  type Transport,
} from '../../../shared/index.js';
import { EventHub } from '../../../electron/core/events/event-hub.js';
import {
  createTestImpl,
  SECRET,
  testContract,
  testEventFilters,
  type TestApi,
  type TestEventFilters,
  type TestEvents,
} from './test-contract.js';

/** Opens a connected (server transport, client transport) pair and a way to close it. */
export type PairFactory = () => Promise<{ server: Transport; client: Transport; close(): Promise<void> }>;

async function rejectionOf(promise: Promise<unknown>): Promise<CrossdockError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CrossdockError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The same behaviour, whatever carries the frames. */
export function describeContract(name: string, openPair: PairFactory): void {
  describe(`RPC over ${name}`, () => {
    let client: RpcClient<TestApi, TestEvents, TestEventFilters>;
    let received: unknown[];
    let hub: EventHub<TestEvents>;
    let state: ReturnType<typeof createTestImpl>;
    let close: () => Promise<void>;

    beforeEach(async () => {
      const pair = await openPair();
      close = pair.close;
      received = [];
      pair.client.onFrame((frame) => received.push(frame));
      hub = new EventHub<TestEvents>();
      state = createTestImpl();
      serveRpc<TestApi, TestEvents, TestEventFilters>(pair.server, {
        contract: testContract,
        impl: state.impl,
        events: hub,
        eventNames: ['tick'],
        eventFilters: testEventFilters,
      });
      client = createRpcClient<TestApi, TestEvents, TestEventFilters>(pair.client);
    });

    afterEach(async () => {
      client.close();
      await close();
    });

    it('returns the typed result of a call', async () => {
      const sum: number = await client.api.math.add({ a: 2, b: 3 });
      expect(sum).toBe(5);
    });

    it('refuses bad arguments with INVALID_ARGUMENT and never invokes the method', async () => {
      const error = await rejectionOf(client.api.math.add({ a: 'two', b: 3 } as unknown as { a: number; b: number }));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('a:');
      const extra = await rejectionOf(client.api.math.add({ a: 1, b: 2, c: 3 } as unknown as { a: number; b: number }));
      expect(extra.code).toBe('INVALID_ARGUMENT');
      expect(state.calls).toEqual([]);
    });

    it('refuses a method that is not in the contract', async () => {
      const api = client.api as unknown as {
        math: { toString(args: object): Promise<unknown> };
        nope: { x(args: object): Promise<unknown> };
      };
      expect((await rejectionOf(api.nope.x({}))).code).toBe('METHOD_NOT_FOUND');
      expect((await rejectionOf(api.math.toString({}))).code).toBe('METHOD_NOT_FOUND');
    });

    it('sends only code, message and details of an expected error, never its other fields', async () => {
      const error = await rejectionOf(client.api.math.leakExpected({}));
      expect({ code: error.code, message: error.message, details: error.details }).toEqual({
        code: 'AUTH_FAILED',
        message: 'The key was refused by web-1',
        details: { host: 'web-1' },
      });
      expect(error).not.toHaveProperty('privateKey');
      const errorFrame = received.find((frame) => (frame as { t: string }).t === 'error');
      expect(Object.keys((errorFrame as { error: object }).error).sort()).toEqual(['code', 'details', 'message']);
      expect(JSON.stringify(received)).not.toContain('PRIVATE KEY');
    });

    it('turns an unexpected error into INTERNAL without its message or fields', async () => {
      const error = await rejectionOf(client.api.math.leakUnexpected({}));
      expect(error.code).toBe('INTERNAL');
      expect(error.message).toContain('math.leakUnexpected');
      expect(JSON.stringify(received)).not.toContain(SECRET.slice(10, 40));
    });

    it('aborts the signal the core method received when the client cancels', async () => {
      const controller = new AbortController();
      const call = client.api.math.slow({ ms: 60_000 }, { signal: controller.signal });
      await expect.poll(() => state.calls).toContain('slow');
      controller.abort();
      const signal = await state.aborted;
      expect(signal.aborted).toBe(true);
      expect((await rejectionOf(call)).code).toBe('CANCELLED');
    });

    it('delivers progress updates in order, before the result', async () => {
      const updates: ProgressUpdate[] = [];
      let resolvedAfter = -1;
      const result = await client.api.math
        .count({ to: 50 }, { onProgress: (update) => updates.push(update) })
        .then((value) => {
          resolvedAfter = updates.length;
          return value;
        });
      expect(result).toBe(50);
      expect(resolvedAfter).toBe(50);
      expect(updates.map((update) => update.step)).toEqual(Array.from({ length: 50 }, (_, i) => `step ${i + 1}`));
    });

    it('streams chunks in order before the result of a streaming call', async () => {
      const lines: string[] = [];
      const count = await client.api.math.tail(
        { lines: 100, follow: false },
        { onChunk: (chunk) => lines.push(chunk.line) },
      );
      expect(count).toBe(100);
      expect(lines).toEqual(Array.from({ length: 100 }, (_, i) => `line ${i + 1}`));
    });

    it('ends a followed stream on cancel, aborting the core side', async () => {
      const lines: string[] = [];
      const controller = new AbortController();
      const call = client.api.math.tail(
        { lines: 3, follow: true },
        { signal: controller.signal, onChunk: (chunk) => lines.push(chunk.line) },
      );
      await expect.poll(() => lines).toHaveLength(3);
      controller.abort();
      expect((await state.aborted).aborted).toBe(true);
      expect((await rejectionOf(call)).code).toBe('CANCELLED');
    });

    it('delivers subscribed events and stops after unsubscribe', async () => {
      const ticks: number[] = [];
      const subscription = client.subscribe('tick', (payload) => ticks.push(payload.n));
      await subscription.ready;
      expect(hub.listenerCount('tick')).toBe(1);
      hub.emit('tick', { n: 1, channel: 'a' });
      hub.emit('tick', { n: 2, channel: 'b' });
      await expect.poll(() => ticks).toEqual([1, 2]);
      subscription.unsubscribe();
      await expect.poll(() => hub.listenerCount('tick')).toBe(0);
      hub.emit('tick', { n: 3, channel: 'a' });
      await client.api.math.add({ a: 0, b: 0 }); // a round trip: anything sent before it has arrived
      expect(ticks).toEqual([1, 2]);
    });

    it('sends a filtered subscription only the events its filter selects, beside an unfiltered one', async () => {
      const all: number[] = [];
      const onlyB: number[] = [];
      await client.subscribe('tick', (payload) => all.push(payload.n)).ready;
      const filtered = client.subscribe('tick', (payload) => onlyB.push(payload.n), { channel: 'b' });
      await filtered.ready;
      for (const [n, channel] of [
        [1, 'a'],
        [2, 'b'],
        [3, 'a'],
        [4, 'b'],
      ] as const)
        hub.emit('tick', { n, channel });
      await expect.poll(() => all).toEqual([1, 2, 3, 4]);
      await client.api.math.add({ a: 0, b: 0 }); // a round trip: anything sent before it has arrived
      expect(onlyB).toEqual([2, 4]);
      // The server did the filtering: the other channel's ticks never crossed the transport.
      const eventFrames = received.filter(
        (frame): frame is { t: 'event'; data: { n: number } } =>
          typeof frame === 'object' && frame !== null && 't' in frame && frame.t === 'event',
      );
      expect(eventFrames.map((frame) => frame.data.n)).toEqual([1, 2, 2, 3, 4, 4]);
    });

    it('refuses a malformed filter with INVALID_ARGUMENT, subscribing nothing', async () => {
      const bad = client.subscribe('tick', () => undefined, { channel: 7 } as unknown as { channel: string });
      const badError = await rejectionOf(bad.ready);
      expect(badError.code).toBe('INVALID_ARGUMENT');
      expect(badError.message).toContain('channel');
      expect(hub.listenerCount('tick')).toBe(0);
    });

    it('refuses a subscription to an unknown event', async () => {
      const subscription = client.subscribe('nope' as 'tick', () => undefined);
      expect((await rejectionOf(subscription.ready)).code).toBe('METHOD_NOT_FOUND');
    });
  });
}
