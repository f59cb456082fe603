import { describe, expect, it } from 'vitest';
import type { ExtensionJobInfo, JobInfo } from '../../../shared/index.js';
import type { CoreCaller } from './live-loader.js';
import { applyJob, applyJobList, useCrossdock } from './store.js';
import { byId, nextGeneration, valuesOf } from './live-rule.js';
import { createLiveStore, type LiveStore } from './live-store.js';

type Row = { id: string; state: string };

function heldCore() {
  const held: ((rows: Row[]) => void)[] = [];
  const call: CoreCaller = <T>() =>
    // The stand-in answers rows; the store under test is typed Row[] by its spec.
    new Promise<{ ok: true; value: T }>((resolve) => held.push((rows) => resolve({ ok: true, value: rows as T })));
  return { call, held };
}

const rows = (store: LiveStore<Row>): string[] =>
  valuesOf(store.get().entries)
    .map((row) => `${row.id}:${row.state}`)
    .sort();

describe('a live store', () => {
  it('keeps what an event wrote while a list was in flight, and drops what the list left out', async () => {
    const core = heldCore();
    const store = createLiveStore<Row[], Row>(
      { fetch: () => Promise.resolve([]), entries: (answer) => byId(answer) },
      core.call,
    );
    const first = store.load();
    core.held[0]?.([
      { id: 'gone', state: 'running' },
      { id: 'a', state: 'running' },
    ]);
    await first;

    const listing = store.load(); // the snapshot is taken…
    store.put('new', { id: 'new', state: 'running' }); // …then an event: started after it
    store.put('a', { id: 'a', state: 'stopped' }); // and one that changed a row the snapshot holds
    core.held[1]?.([{ id: 'a', state: 'running' }]);
    await listing;
    expect(rows(store)).toEqual(['a:stopped', 'new:running']);
  });

  it('tells its readers about every change', async () => {
    const core = heldCore();
    const store = createLiveStore<Row[], Row>(
      { fetch: () => Promise.resolve([]), entries: (answer) => byId(answer) },
      core.call,
    );
    let changes = 0;
    const stop = store.subscribe(() => (changes += 1));
    const load = store.load();
    core.held[0]?.([{ id: 'a', state: 'running' }]);
    await load;
    stop();
    store.put('b', { id: 'b', state: 'running' });
    expect(changes).toBe(3); // loading, answer + not loading
    expect(store.get().loading).toBe(false);
  });
});

function job(id: string, patch: Partial<Pick<JobInfo, 'state' | 'fraction' | 'cancellable'>> = {}): ExtensionJobInfo {
  return {
    id,
    kind: 'x-test',
    stepDetail: null,
    title: id,
    state: 'running',
    fraction: 0,
    step: null,
    startedAt: `2025-01-01T00:00:0${id}.000Z`,
    endedAt: null,
    error: null,
    result: null,
    cancellable: true,
    ...patch,
  };
}

describe('the jobs in the store (what seenWhileListing did)', () => {
  it('keeps a job heard about by event while jobs.list was in flight, and its newer state', () => {
    applyJobList([job('1'), job('2')], nextGeneration());
    const listing = nextGeneration(); // "Clear finished" lists again…
    applyJob(job('3')); // …a job starts after the server's snapshot
    applyJob(job('2', { state: 'cancelled' })); // and one ends
    applyJobList([job('2')], listing);
    expect(useCrossdock.getState().jobs.map((j) => `${j.id}:${j.state}`)).toEqual(['3:running', '2:cancelled']);
  });

  it('forgets the logs of jobs that are gone', () => {
    applyJobList([job('1')], nextGeneration());
    useCrossdock.setState({ logs: { '1': [], old: [] }, logJobId: 'old' });
    applyJobList([job('1')], nextGeneration());
    expect(Object.keys(useCrossdock.getState().logs)).toEqual(['1']);
    expect(useCrossdock.getState().logJobId).toBeNull();
  });
});
