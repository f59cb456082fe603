import { describe, expect, it } from 'vitest';
import { describeConnection } from './describe-connection.js';

describe('describeConnection', () => {
  it('says connecting on the first attempt and reconnecting after', () => {
    expect(describeConnection({ status: 'connecting', attempt: 0 }, 0).label).toBe('Connecting…');
    expect(describeConnection({ status: 'connecting', attempt: 2 }, 0)).toMatchObject({
      label: 'Reconnecting…',
      detail: expect.stringContaining('attempt 3'),
    });
  });

  it('names the transport when connected', () => {
    expect(describeConnection({ status: 'connected', transport: 'websocket' }, 0).detail).toContain('WebSocket');
    expect(describeConnection({ status: 'connected', transport: 'ipc' }, 0).detail).toContain('this app');
  });

  it('gives the reason and counts down to the next retry, rounding up', () => {
    const text = describeConnection(
      { status: 'disconnected', reason: 'The connection was lost.', retryAt: 10_000 },
      6_500,
    );
    expect(text).toEqual({ label: 'Disconnected', detail: 'The connection was lost.', retryInSeconds: 4 });
  });

  it('never counts below zero while the retry is starting', () => {
    expect(describeConnection({ status: 'disconnected', reason: 'Lost.', retryAt: 1000 }, 5000).retryInSeconds).toBe(0);
  });

  it('offers no countdown when no retry is scheduled', () => {
    expect(describeConnection({ status: 'disconnected', reason: 'Closed.', retryAt: null }, 0)).toEqual({
      label: 'Disconnected',
      detail: 'Closed.',
      retryInSeconds: null,
    });
  });
});
