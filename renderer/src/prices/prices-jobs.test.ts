import { describe, expect, it } from 'vitest';
import { pricesRefreshKey, runningPricesRefresh } from './prices-jobs.js';

const job = (id: string, kind: string, state: 'running' | 'succeeded' | 'cancelled') =>
  ({ id, kind, state }) as { id: string; kind: 'prices-refresh'; state: typeof state };

describe('prices jobs', () => {
  it('finds the running refresh', () => {
    expect(runningPricesRefresh([job('a', 'deploy', 'running'), job('b', 'prices-refresh', 'running')])?.id).toBe('b');
    expect(runningPricesRefresh([job('b', 'prices-refresh', 'succeeded')])).toBeNull();
  });

  it('changes its key when a refresh ends, not while it runs or for other jobs', () => {
    const running = pricesRefreshKey([job('b', 'prices-refresh', 'running'), job('c', 'deploy', 'succeeded')]);
    expect(running).toBe('');
    expect(pricesRefreshKey([job('b', 'prices-refresh', 'succeeded')])).toBe('b:succeeded');
    expect(pricesRefreshKey([job('b', 'prices-refresh', 'cancelled')])).not.toBe(
      pricesRefreshKey([job('b', 'prices-refresh', 'succeeded')]),
    );
  });
});
