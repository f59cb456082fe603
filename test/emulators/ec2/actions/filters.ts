import { invalidParameter } from '../errors.js';
import type { QueryParams } from '../query-protocol.js';

/** One `Filter.N` of a Describe call: a name and the values any of which may match. */
export interface Filter {
  name: string;
  values: string[];
}

/** Reads `Filter.N.Name` / `Filter.N.Value.M`. */
export function readFilters(params: QueryParams): Filter[] {
  return params.structs('Filter').map((f) => ({ name: f.string('Name') ?? '', values: f.strings('Value') }));
}

/** EC2 filter values accept `*` and `?` wildcards. */
function matchesValue(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}

/**
 * True when the resource passes every filter: within one filter any value may match, across
 * filters all must (EC2's AND of ORs). `fields` gives a resource's values for a filter name;
 * `tag:Key` and `tag-key` are handled here from `tags`.
 */
export function matchesFilters(
  filters: Filter[],
  fields: (name: string) => string[] | undefined,
  tags: Map<string, string>,
): boolean {
  return filters.every((filter) => {
    let candidates: string[] | undefined;
    if (filter.name.startsWith('tag:')) {
      const v = tags.get(filter.name.slice(4));
      candidates = v === undefined ? [] : [v];
    } else if (filter.name === 'tag-key') {
      candidates = [...tags.keys()];
    } else if (filter.name === 'tag-value') {
      candidates = [...tags.values()];
    } else {
      candidates = fields(filter.name);
    }
    if (candidates === undefined) return true;
    return candidates.some((c) => filter.values.some((p) => matchesValue(p, c)));
  });
}

/** Names a Describe call understands; anything else is refused like EC2 does. */
export function checkFilterNames(filters: Filter[], known: readonly string[]): string | undefined {
  return filters.find((f) => !f.name.startsWith('tag:') && !['tag-key', 'tag-value', ...known].includes(f.name))?.name;
}

/** Opaque pagination token: EC2's are opaque too, so an offset in base64 is fair. */
export function pageOf<T>(
  all: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { page: T[]; next?: string } {
  const start = nextToken
    ? Number(
        Buffer.from(nextToken, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter(`Invalid value '${nextToken ?? ''}' for nextToken`);
  const end = maxResults === undefined ? all.length : start + maxResults;
  const page = all.slice(start, end);
  return end < all.length ? { page, next: Buffer.from(`offset:${end}`).toString('base64url') } : { page };
}
