import { invalid } from './errors.js';

/**
 * Compute's list `filter`, the part clients use: `field = value`, `field != value`,
 * `field : value` (`:*` means "has the field"), terms joined by AND (explicit or by juxtaposing
 * parenthesised terms). Fields are dotted paths, so `labels.crossdock = managed` reads
 * `resource.labels.crossdock`. Values may be quoted. Other syntax is refused with 400 rather
 * than silently matching everything.
 */
export function compileFilter(filter: string | undefined): (resource: Record<string, unknown>) => boolean {
  if (!filter?.trim()) return () => true;
  const terms = filter
    .split(/\)\s*(?:AND\s*)?\(|\s+AND\s+/i)
    .map((term) => term.replace(/^\s*\(|\)\s*$/g, '').trim())
    .filter(Boolean);
  const tests = terms.map((term) => {
    const match = /^([A-Za-z_][\w.-]*)\s*(!=|=|:)\s*(?:"([^"]*)"|'([^']*)'|(\S+))$/.exec(term);
    if (!match) throw invalid(`Invalid value for field 'filter': '${filter}'. Invalid list filter expression.`);
    const [, path = '', operator, double, single, bare] = match;
    const expected = double ?? single ?? bare ?? '';
    return (resource: Record<string, unknown>): boolean => {
      const actual = readPath(resource, path);
      if (operator === ':')
        return expected === '*' ? actual !== undefined : actual !== undefined && String(actual).includes(expected);
      const equal = actual !== undefined && String(actual) === expected;
      return operator === '=' ? equal : !equal;
    };
  });
  return (resource) => tests.every((test) => test(resource));
}

function readPath(resource: Record<string, unknown>, path: string): unknown {
  let value: unknown = resource;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
