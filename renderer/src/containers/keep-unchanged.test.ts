import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/index.js';
import type { HostSlices } from './docker-lists.js';
import { generateContainers } from './generate-containers.js';
import { keepUnchanged, sameJson } from './keep-unchanged.js';

const key = (c: ContainerSummary): string => c.id;
const copy = <T>(value: T): T => structuredClone(value);
const slices = (items: ContainerSummary[], generation: number): HostSlices<ContainerSummary> => ({
  h0: { value: { items, failure: null }, generation },
});

describe('sameJson', () => {
  it('compares objects, arrays and primitives by value', () => {
    expect(sameJson({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});

describe('keepUnchanged', () => {
  const fleet = generateContainers(5, 1);

  it('gives back the previous array when a refetch changed nothing', () => {
    const before = slices(fleet, 1);
    const after = keepUnchanged(before, slices(copy(fleet), 2), key);
    expect(after.h0?.value.items).toBe(fleet);
    expect(after.h0?.generation).toBe(2);
  });

  it('keeps the unchanged objects and takes the changed one', () => {
    const answer = copy(fleet);
    answer[2] = { ...answer[2]!, state: 'exited', status: 'Exited (0) 1 second ago' };
    const items = keepUnchanged(slices(fleet, 1), slices(answer, 2), key).h0!.value.items;
    expect(items).not.toBe(fleet);
    expect(items.map((item, i) => item === fleet[i])).toEqual([true, true, false, true, true]);
    expect(items[2]).toBe(answer[2]);
  });

  it("follows the answer's order and membership (a container removed, one created)", () => {
    const created = { ...copy(fleet[0]!), id: 'f'.repeat(64), name: 'new-1' };
    const answer = [created, ...copy(fleet.slice(1))];
    const items = keepUnchanged(slices(fleet, 1), slices(answer, 2), key).h0!.value.items;
    expect(items[0]).toBe(answer[0]);
    expect(items.slice(1)).toEqual(fleet.slice(1));
    expect(items[1]).toBe(fleet[1]);
  });

  it('leaves slices that did not change alone', () => {
    const before = slices(fleet, 1);
    expect(keepUnchanged(before, before, key)).toBe(before);
  });
});
