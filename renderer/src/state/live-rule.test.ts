import { describe, expect, it } from 'vitest';
import { mayWrite, nextGeneration, valuesOf, writeAnswer, writeEvent, type Entries } from './live-rule.js';

type Job = { id: string; state: string };
const job = (id: string, state = 'running'): Job => ({ id, state });
const answer = (jobs: Job[], generation: number, complete = true) => ({
  values: new Map(jobs.map((j) => [j.id, j])),
  complete,
  generation,
});
const states = (entries: Entries<Job>): string[] =>
  valuesOf(entries)
    .map((j) => `${j.id}:${j.state}`)
    .sort();

describe('nextGeneration', () => {
  it('only ever grows', () => {
    const first = nextGeneration();
    expect(nextGeneration()).toBeGreaterThan(first);
  });
});

describe('writeAnswer', () => {
  it('takes a first answer whole', () => {
    expect(states(writeAnswer({}, answer([job('1'), job('2')], nextGeneration())))).toEqual(['1:running', '2:running']);
  });

  it('keeps an entry that an event wrote while the list was in flight (the job started after the snapshot)', () => {
    const listing = nextGeneration(); // the request is sent
    const afterEvent = writeEvent({}, '3', job('3')); // jobs.changed arrives before the answer
    const settled = writeAnswer(afterEvent, answer([job('1')], listing)); // the snapshot does not know job 3
    expect(states(settled)).toEqual(['1:running', '3:running']);
  });

  it('does not let the snapshot undo a change an event made while it was in flight', () => {
    const listing = nextGeneration();
    const ended = writeEvent(writeAnswer({}, answer([job('1')], nextGeneration() - 2)), '1', job('1', 'cancelled'));
    expect(states(writeAnswer(ended, answer([job('1', 'running')], listing)))).toEqual(['1:cancelled']);
  });

  it('removes entries a complete answer leaves out, when nothing newer wrote them', () => {
    const before = writeAnswer({}, answer([job('1'), job('2')], nextGeneration()));
    expect(states(writeAnswer(before, answer([job('2')], nextGeneration())))).toEqual(['2:running']);
  });

  it('lets a partial answer replace only what it names', () => {
    const before = writeAnswer({}, answer([job('1'), job('2')], nextGeneration()));
    const after = writeAnswer(before, answer([job('1', 'stopped')], nextGeneration(), false));
    expect(states(after)).toEqual(['1:stopped', '2:running']);
    expect(after['2']).toBe(before['2']);
  });

  it('drops a slow full answer for an entry a later per-entry load already answered', () => {
    const full = nextGeneration();
    const quick = nextGeneration();
    const refetched = writeAnswer({}, answer([job('1', 'new')], quick, false));
    const late = writeAnswer(refetched, answer([job('1', 'old'), job('2')], full));
    expect(states(late)).toEqual(['1:new', '2:running']);
  });

  it('returns the same object when nothing is written, so nothing re-renders', () => {
    const entries = writeEvent({}, '1', job('1'));
    expect(writeAnswer(entries, answer([job('1', 'old')], nextGeneration() - 5, false))).toBe(entries);
  });

  it('combines with merge, e.g. a finished job never runs again', () => {
    const merge = (current: Job | undefined, incoming: Job): Job => (current?.state === 'done' ? current : incoming);
    const done = writeAnswer({}, answer([job('1', 'done')], nextGeneration()));
    expect(states(writeAnswer(done, answer([job('1')], nextGeneration()), merge))).toEqual(['1:done']);
  });
});

describe('writeEvent and mayWrite', () => {
  it('writes with a generation newer than every load started before it', () => {
    const listing = nextGeneration();
    const entries = writeEvent({}, '1', job('1'));
    expect(mayWrite(entries['1'], listing)).toBe(false);
    expect(mayWrite(entries['1'], nextGeneration())).toBe(true);
    expect(mayWrite(undefined, 0)).toBe(true);
  });

  it('removes an entry on null and ignores an unknown id', () => {
    const entries = writeEvent({}, '1', job('1'));
    expect(writeEvent(entries, '1', null)).toEqual({});
    expect(writeEvent(entries, 'x', null)).toBe(entries);
  });
});
