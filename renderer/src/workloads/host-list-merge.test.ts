import { describe, expect, it } from 'vitest';
import { mergeHostList } from './host-list-merge.js';

const item = (hostId: string, name: string) => ({ hostId, name });
const failure = (hostId: string) => ({ hostId, hostName: hostId, error: { code: 'HOST_UNREACHABLE' as const, message: 'down', details: {} } });
const known = new Set(['h1', 'h2', 'h3']);

describe('mergeHostList', () => {
  it('replaces everything with a full listing', () => {
    const merged = mergeHostList({ items: [item('h1', 'old')], failures: [failure('h2')] }, { items: [item('h2', 'new')], failures: [] }, null, known);
    expect(merged).toEqual({ items: [item('h2', 'new')], failures: [] });
  });

  it('replaces only the asked hosts’ items and failures with a listing of some hosts', () => {
    const current = { items: [item('h1', 'a'), item('h2', 'b'), item('h2', 'c')], failures: [failure('h3')] };
    const merged = mergeHostList(current, { items: [item('h2', 'd')], failures: [] }, ['h2'], known);
    expect(merged.items).toEqual([item('h1', 'a'), item('h2', 'd')]);
    expect(merged.failures).toEqual([failure('h3')]);
    const failed = mergeHostList(current, { items: [], failures: [failure('h1')] }, ['h1'], known);
    expect(failed).toEqual({ items: [item('h2', 'b'), item('h2', 'c')], failures: [failure('h3'), failure('h1')] });
  });

  it('drops hosts no longer in the inventory', () => {
    const merged = mergeHostList({ items: [item('gone', 'x'), item('h1', 'a')], failures: [failure('gone')] }, { items: [], failures: [] }, ['h2'], known);
    expect(merged).toEqual({ items: [item('h1', 'a')], failures: [] });
  });

  it('takes a partial answer as the whole list when nothing was listed yet', () => {
    expect(mergeHostList(null, { items: [item('h1', 'a')], failures: [] }, ['h1'], known)).toEqual({ items: [item('h1', 'a')], failures: [] });
  });
});
