/**
 * The EC2 Query protocol's request side: a form-encoded body whose keys are dotted paths with
 * 1-based list indexes (`Filter.1.Name`, `Filter.1.Value.2`, `TagSpecification.1.Tag.1.Key`).
 */

/** A parsed parameter tree: strings at the leaves, objects keyed by name or list index. */
export type QueryNode = string | { [key: string]: QueryNode };

/** The parameters of one request, read by the action handlers through the helpers below. */
export class QueryParams {
  constructor(readonly tree: { [key: string]: QueryNode }) {}

  /** Parses an `application/x-www-form-urlencoded` body. */
  static parse(body: string): QueryParams {
    const tree: { [key: string]: QueryNode } = {};
    for (const [key, value] of new URLSearchParams(body)) {
      // The SDK sends ec2QueryName spellings (capitalised); accept lower-case first letters
      // too, as the real service does for hand-written requests.
      const path = key.split('.').map((s) => s.charAt(0).toUpperCase() + s.slice(1));
      let node = tree;
      for (const [i, segment] of path.entries()) {
        if (i === path.length - 1) {
          node[segment] = value;
        } else {
          const next = node[segment];
          node = typeof next === 'object' ? next : (node[segment] = {});
        }
      }
    }
    return new QueryParams(tree);
  }

  /** A scalar parameter, or undefined. */
  string(name: string): string | undefined {
    const v = this.tree[name];
    return typeof v === 'string' ? v : undefined;
  }

  /** An integer parameter, or undefined; InvalidParameterValue-worthy input gives NaN. */
  int(name: string): number | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : Number.parseInt(v, 10);
  }

  /** A list of scalars (`Name.1`, `Name.2`, …) in index order. */
  strings(name: string): string[] {
    return listOf(this.tree[name]).filter((v): v is string => typeof v === 'string');
  }

  /** A list of structures (`Name.1.Field`, …) in index order, each as its own QueryParams. */
  structs(name: string): QueryParams[] {
    return listOf(this.tree[name]).flatMap((v) => (typeof v === 'object' ? [new QueryParams(v)] : []));
  }

  /** A nested structure (`Placement.AvailabilityZone`). */
  struct(name: string): QueryParams | undefined {
    const v = this.tree[name];
    return typeof v === 'object' ? new QueryParams(v) : undefined;
  }
}

function listOf(node: QueryNode | undefined): QueryNode[] {
  if (node === undefined || typeof node === 'string') return [];
  return Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k] as QueryNode);
}
