import { describe, expect, it } from 'vitest';
import { createInputQueue } from './input-queue.js';

function deferredSender() {
  const calls: { sessionId: string; data: string; resolve: () => void }[] = [];
  const send = (sessionId: string, data: string): Promise<void> =>
    new Promise((resolve) => calls.push({ sessionId, data, resolve }));
  return { calls, send };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('createInputQueue', () => {
  it('holds input typed before the session exists, then sends it', () => {
    const { calls, send } = deferredSender();
    const queue = createInputQueue(send);
    queue.push('l');
    queue.push('s');
    expect(calls).toHaveLength(0);
    queue.start('s1');
    expect(calls.map((c) => [c.sessionId, c.data])).toEqual([['s1', 'ls']]);
  });

  it('sends one call at a time and batches what was typed meanwhile, in order', async () => {
    const { calls, send } = deferredSender();
    const queue = createInputQueue(send);
    queue.start('s1');
    queue.push('a');
    queue.push('b');
    queue.push('c');
    expect(calls.map((c) => c.data)).toEqual(['a']);
    calls[0]!.resolve();
    await tick();
    expect(calls.map((c) => c.data)).toEqual(['a', 'bc']);
  });

  it('keeps going after a failed call and reports it', async () => {
    const errors: unknown[] = [];
    let attempt = 0;
    const sent: string[] = [];
    const queue = createInputQueue(
      async (_id, data) => {
        sent.push(data);
        if (attempt++ === 0) throw new Error('lost');
      },
      (error) => errors.push(error),
    );
    queue.start('s1');
    queue.push('x');
    queue.push('y');
    await tick();
    expect(sent).toEqual(['x', 'y']);
    expect(errors).toHaveLength(1);
  });

  it('drops input once stopped', () => {
    const { calls, send } = deferredSender();
    const queue = createInputQueue(send);
    queue.stop();
    queue.start('s1');
    queue.push('rm -rf');
    expect(calls).toHaveLength(0);
  });
});
