import { describe, expect, it } from 'vitest';
import type { HostFailure } from '../../../shared/index.js';
import { allFailures, allItems, applyAnswer, keepHosts, type HostSlices } from './docker-lists.js';

type Item = { hostId: string; id: string };
const item = (hostId: string, id: string): Item => ({ hostId, id });
const failure = (hostId: string): HostFailure => ({
  hostId,
  hostName: `host ${hostId}`,
  error: { code: 'HOST_UNREACHABLE', message: `${hostId} is down`, details: {} },
});
const empty: HostSlices<Item> = {};

describe('applyAnswer', () => {
  it('splits a full answer by host, and gives known hosts without items an empty list', () => {
    const slices = applyAnswer(
      empty,
      { items: [item('a', '1'), item('b', '2'), item('a', '3')], failures: [] },
      null,
      1,
      ['a', 'b', 'c'],
    );
    expect(Object.keys(slices).sort()).toEqual(['a', 'b', 'c']);
    expect(slices.a?.value.items.map((i) => i.id)).toEqual(['1', '3']);
    expect(slices.c).toEqual({ value: { items: [], failure: null }, generation: 1 });
  });

  it('keeps a failing host as a failure with no items', () => {
    const slices = applyAnswer(empty, { items: [item('a', '1')], failures: [failure('b')] }, null, 1, ['a', 'b']);
    expect(slices.b?.value).toMatchObject({ items: [], failure: { hostId: 'b' } });
  });

  it('replaces only the host a per-host refetch asked about', () => {
    const before = applyAnswer(empty, { items: [item('a', '1'), item('b', '2')], failures: [] }, null, 1, ['a', 'b']);
    const after = applyAnswer(before, { items: [item('a', '9')], failures: [] }, ['a'], 2, ['a', 'b']);
    expect(after.a?.value.items.map((i) => i.id)).toEqual(['9']);
    expect(after.b).toBe(before.b);
  });

  it('ignores an older answer for a host a newer request has already answered', () => {
    const refetched = applyAnswer(empty, { items: [item('a', 'new')], failures: [] }, ['a'], 5, ['a', 'b']);
    const late = applyAnswer(refetched, { items: [item('a', 'old'), item('b', '2')], failures: [] }, null, 4, [
      'a',
      'b',
    ]);
    expect(late.a?.value.items.map((i) => i.id)).toEqual(['new']);
    expect(late.b?.value.items.map((i) => i.id)).toEqual(['2']);
  });

  it('clears a failure once the host answers again', () => {
    const failed = applyAnswer(empty, { items: [], failures: [failure('a')] }, ['a'], 1, ['a']);
    expect(applyAnswer(failed, { items: [item('a', '1')], failures: [] }, ['a'], 2, ['a']).a?.value.failure).toBeNull();
  });
});

describe('keepHosts, allItems and allFailures', () => {
  const slices = applyAnswer(empty, { items: [item('a', '1'), item('b', '2')], failures: [failure('c')] }, null, 1, [
    'a',
    'b',
    'c',
  ]);

  it('drops removed hosts and returns the same object when nothing goes', () => {
    expect(Object.keys(keepHosts(slices, new Set(['a', 'c']))).sort()).toEqual(['a', 'c']);
    expect(keepHosts(slices, new Set(['a', 'b', 'c']))).toBe(slices);
  });

  it('flattens items and lists failures by host name', () => {
    expect(
      allItems(slices)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['1', '2']);
    expect(allFailures(slices).map((f) => f.hostId)).toEqual(['c']);
  });
});
