import { describe, expect, it } from 'vitest';
import { describePullProgress, PullProgressAggregator } from './pull-progress.js';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const C = 'cccccccccccc';

describe('PullProgressAggregator', () => {
  it('sums bytes over layers and counts existing layers as done', () => {
    const agg = new PullProgressAggregator();
    expect(agg.add({ status: 'Pulling from library/x', id: 'latest' })).toBe(false);
    agg.add({ id: A, status: 'Already exists' });
    agg.add({ id: B, status: 'Pulling fs layer' });
    agg.add({ id: C, status: 'Pulling fs layer' });
    agg.add({ id: B, status: 'Downloading', progressDetail: { current: 500, total: 1000 } });
    agg.add({ id: C, status: 'Downloading', progressDetail: { current: 1000, total: 3000 } });
    expect(agg.snapshot()).toMatchObject({
      layers: 3,
      layersDone: 1,
      layersExisting: 1,
      downloadedBytes: 1500,
      totalBytes: 4000,
    });
    agg.add({ id: B, status: 'Download complete' });
    agg.add({ id: B, status: 'Pull complete' });
    agg.add({ id: C, status: 'Downloading', progressDetail: { current: 3000, total: 3000 } });
    agg.add({ id: C, status: 'Extracting', progressDetail: { current: 100, total: 3000 } });
    agg.add({ id: C, status: 'Pull complete' });
    const done = agg.snapshot();
    expect(done).toMatchObject({ layersDone: 3, downloadedBytes: 4000, totalBytes: 4000, fraction: 1 });
    expect(describePullProgress(done)).toBe('0.0 MB of 0.0 MB, 3/3 layers (1 already there)');
  });

  it('moves forward monotonically while bytes arrive', () => {
    const agg = new PullProgressAggregator();
    let last = 0;
    for (let current = 0; current <= 10_000_000; current += 1_000_000) {
      agg.add({ id: A, status: 'Downloading', progressDetail: { current, total: 10_000_000 } });
      const fraction = agg.snapshot().fraction ?? 0;
      expect(fraction).toBeGreaterThanOrEqual(last);
      last = fraction;
    }
    expect(describePullProgress(agg.snapshot())).toBe('10.0 MB of 10.0 MB, 0/1 layers');
    expect(new PullProgressAggregator().snapshot().fraction).toBeNull();
  });
});
