import { describe, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import type { DockerEngine } from '../docker/docker-engine.js';
import { maxSecondsUp, StartTimes } from './start-times.js';

describe('maxSecondsUp', () => {
  it('reads the most time up a Docker status allows', () => {
    expect(maxSecondsUp('Up Less than a second')).toBe(1);
    expect(maxSecondsUp('Up 31 seconds')).toBe(32);
    expect(maxSecondsUp('Up About a minute')).toBe(120);
    expect(maxSecondsUp('Up 5 minutes (healthy)')).toBe(360);
    expect(maxSecondsUp('Up About an hour')).toBe(5400);
    expect(maxSecondsUp('Up 3 hours (Paused)')).toBe(3.5 * 3600);
  });
  it('says nothing of other statuses', () => {
    expect(maxSecondsUp('Restarting (1) 5 seconds ago')).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('StartTimes', () => {
  const T0 = Date.parse('2026-01-01T00:00:00Z');
  function engineCounting(startedAt: () => string) {
    const inspected: string[] = [];
    const engine = {
      call: <T>(operation: (docker: unknown) => Promise<T>) =>
        operation({
          getContainer: (id: string) => ({
            inspect: async () => {
              inspected.push(id);
              return { State: { StartedAt: startedAt() } };
            },
          }),
        }),
    } as unknown as DockerEngine;
    return { engine, inspected };
  }
  const info = (Id: string, State: string, Status: string) => ({ Id, State, Status }) as Dockerode.ContainerInfo;

  it('inspects an up container once, and again only after the list shows a restart', async () => {
    let now = T0 + 60_000;
    let started = '2026-01-01T00:00:00.000Z';
    const { engine, inspected } = engineCounting(() => started);
    const times = new StartTimes(() => now);
    const signal = new AbortController().signal;
    const first = await times.of(
      engine,
      'h',
      [info('a', 'running', 'Up About a minute'), info('b', 'exited', 'Exited (0) 1 second ago')],
      signal,
    );
    expect(first.get('a')).toBe(started);
    expect(first.get('b')).toBeNull();
    now += 60_000;
    await times.of(engine, 'h', [info('a', 'running', 'Up 2 minutes')], signal);
    expect(inspected).toEqual(['a']);
    // Restarted: Docker now says 3 seconds, the kept start time says 2 minutes.
    started = '2026-01-01T00:01:57.000Z';
    const after = await times.of(engine, 'h', [info('a', 'running', 'Up 3 seconds')], signal);
    expect(inspected).toEqual(['a', 'a']);
    expect(after.get('a')).toBe(started);
  });
});
