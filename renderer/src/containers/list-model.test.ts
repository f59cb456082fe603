import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/index.js';
import { generateContainers } from './generate-containers.js';
import { buildList, createListBuilder, nextSort, type ListOptions, type ListRow } from './list-model.js';
import { containerSpec, isStopped } from './resource-specs.js';

const options = (changes: Partial<ListOptions<ContainerSummary>> = {}): ListOptions<ContainerSummary> => ({
  query: '',
  sort: { column: 'name', direction: 'asc' },
  groupByHost: false,
  collapsed: new Set(),
  ...changes,
});

const names = (rows: ListRow<ContainerSummary>[]): string[] =>
  rows.map((row) => (row.kind === 'item' ? row.item.name : `[${row.hostName} ${row.count}]`));

const fleet = (): ContainerSummary[] => {
  const base = generateContainers(1, 1)[0]!;
  const c = (
    hostId: string,
    hostName: string,
    name: string,
    state: ContainerSummary['state'] = 'running',
  ): ContainerSummary => ({ ...base, hostId, hostName, id: `${hostId}-${name}`, name, state });
  return [
    c('b', 'beta', 'web-10'),
    c('a', 'alpha', 'web-2'),
    c('a', 'alpha', 'db', 'exited'),
    c('b', 'beta', 'api'),
    c('a', 'alpha', 'web-1'),
  ];
};

describe('buildList', () => {
  it('sorts names naturally, so web-2 comes before web-10', () => {
    expect(names(buildList(fleet(), containerSpec, options()).rows)).toEqual(['api', 'db', 'web-1', 'web-2', 'web-10']);
    expect(
      names(buildList(fleet(), containerSpec, options({ sort: { column: 'name', direction: 'desc' } })).rows),
    ).toEqual(['web-10', 'web-2', 'web-1', 'db', 'api']);
  });

  it('keeps items that contain every term of the filter, in any field', () => {
    const built = buildList(fleet(), containerSpec, options({ query: 'WEB alpha' }));
    expect(names(built.rows)).toEqual(['web-1', 'web-2']);
    expect(built).toMatchObject({ matched: 2, total: 5 });
  });

  it('groups by host with a header per host, host names in order', () => {
    expect(names(buildList(fleet(), containerSpec, options({ groupByHost: true })).rows)).toEqual([
      '[alpha 3]',
      'db',
      'web-1',
      'web-2',
      '[beta 2]',
      'api',
      'web-10',
    ]);
  });

  it('reverses the groups when sorting by host descending', () => {
    const rows = buildList(
      fleet(),
      containerSpec,
      options({ groupByHost: true, sort: { column: 'host', direction: 'desc' } }),
    ).rows;
    expect(rows[0]).toMatchObject({ kind: 'group', hostName: 'beta' });
  });

  it('keeps the header of a collapsed group, with its count, and hides its rows', () => {
    const built = buildList(fleet(), containerSpec, options({ groupByHost: true, collapsed: new Set(['a']) }));
    expect(names(built.rows)).toEqual(['[alpha 3]', '[beta 2]', 'api', 'web-10']);
    expect(built.rows[0]).toMatchObject({ collapsed: true });
    expect(built.matched).toBe(5);
  });

  it('drops what `include` leaves out before counting (hidden stopped containers)', () => {
    const built = buildList(fleet(), containerSpec, options({ include: (c) => !isStopped(c) }));
    expect(names(built.rows)).not.toContain('db');
    expect(built.total).toBe(4);
  });

  it('breaks ties by host and id, so equal rows never swap places between renders', () => {
    const rows = buildList(fleet(), containerSpec, options({ sort: { column: 'state', direction: 'asc' } })).rows;
    expect(names(rows)).toEqual(['web-1', 'web-2', 'api', 'web-10', 'db']);
  });

  it('sorts, filters and groups 10,000 containers on 50 hosts well within a frame budget', () => {
    const items = generateContainers(10_000, 50);
    // As the view holds them: one array per host, one builder for the life of the list.
    const byHost = new Map<string, ContainerSummary[]>();
    for (const c of items) byHost.set(c.hostId, [...(byHost.get(c.hostId) ?? []), c]);
    const hosts = [...byHost.values()];
    const builder = createListBuilder(containerSpec);
    builder.build(hosts, options()); // make the search text and warm the JIT
    const runs = [
      options({ sort: { column: 'image', direction: 'asc' } }),
      options({ query: 'web running', groupByHost: true }),
      options({ sort: { column: 'ports', direction: 'desc' }, include: (c) => !isStopped(c) }),
    ];
    const started = performance.now();
    for (const run of runs) builder.build(hosts, run);
    const perRun = (performance.now() - started) / runs.length;
    const grouped = builder.build(hosts, options({ groupByHost: true }));
    expect(grouped).toEqual(buildList(items, containerSpec, options({ groupByHost: true })));
    expect(grouped.rows).toHaveLength(10_050);
    // Typically 5–15 ms here; the bound only catches an accidental O(n²).
    expect(perRun).toBeLessThan(150);
  });
});

describe('createListBuilder', () => {
  const hostA = fleet().filter((c) => c.hostId === 'a');
  const hostB = fleet().filter((c) => c.hostId === 'b');
  const itemRows = (rows: ListRow<ContainerSummary>[]) => rows.filter((row) => row.kind === 'item');

  it('gives the same rows as buildList over the same items', () => {
    const builder = createListBuilder(containerSpec);
    for (const changes of [
      {},
      { groupByHost: true },
      { query: 'web' },
      { sort: { column: 'state', direction: 'desc' as const } },
      { groupByHost: true, collapsed: new Set(['b']) },
    ]) {
      expect(names(builder.build([hostA, hostB], options(changes)).rows)).toEqual(
        names(buildList(fleet(), containerSpec, options(changes)).rows),
      );
    }
  });

  it('keeps the row objects of a host whose items did not change, and of unchanged items', () => {
    const builder = createListBuilder(containerSpec);
    const first = itemRows(builder.build([hostA, hostB], options({ groupByHost: true })).rows);
    // Host b is refetched: one of its items is a new object, the other the same one.
    const changed = { ...hostB[0]!, state: 'exited' as const };
    const second = itemRows(builder.build([hostA, [changed, hostB[1]!]], options({ groupByHost: true })).rows);
    const same = second.map((row) => first.includes(row));
    expect(same).toEqual(second.map((row) => row.kind === 'item' && row.item !== changed));
    expect(same.filter(Boolean)).toHaveLength(4);
  });

  it('filters without losing the sorted runs, so clearing the filter gives back the same rows', () => {
    const builder = createListBuilder(containerSpec);
    const all = builder.build([hostA, hostB], options()).rows;
    const filtered = builder.build([hostA, hostB], options({ query: 'web-1' }));
    expect(names(filtered.rows)).toEqual(['web-1', 'web-10']);
    expect(filtered).toMatchObject({ matched: 2, total: 5 });
    const cleared = builder.build([hostA, hostB], options()).rows;
    expect(cleared).toEqual(all);
    expect(cleared.every((row, i) => row === all[i])).toBe(true);
  });

  it('sorts again when the sort or `include` changes', () => {
    const builder = createListBuilder(containerSpec);
    builder.build([hostA, hostB], options());
    expect(names(builder.build([hostA, hostB], options({ sort: { column: 'name', direction: 'desc' } })).rows)).toEqual(
      ['web-10', 'web-2', 'web-1', 'db', 'api'],
    );
    expect(names(builder.build([hostA, hostB], options({ include: (c) => !isStopped(c) })).rows)).not.toContain('db');
  });
});

describe('nextSort', () => {
  it('flips the direction of the current column and starts another ascending', () => {
    expect(nextSort({ column: 'name', direction: 'asc' }, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'image')).toEqual({ column: 'image', direction: 'asc' });
  });
});
