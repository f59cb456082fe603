import type { DocPath } from './yaml-source.js';

/** A problem found while interpolating, at the path of the string that has it. */
export interface PathIssue {
  path: DocPath;
  message: string;
  severity: 'error' | 'warning';
  /** Where to point instead of `path` (a missing key's parent). */
  at?: DocPath;
  /** Point at the key rather than the value (unsupported keys). */
  atKey?: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Replaces `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`,
 * `${VAR?message}`, `${VAR:+other}` and `${VAR+other}` in every string value (not in keys), and
 * `$$` by `$`, as the Compose specification says. Defaults may themselves interpolate. An unset
 * variable without a default becomes "" with a warning, as docker compose does.
 */
export function interpolate(
  value: unknown,
  lookup: (name: string) => string | undefined,
): { value: unknown; issues: PathIssue[]; referenced: Set<string> } {
  const issues: PathIssue[] = [];
  const referenced = new Set<string>();
  const walk = (node: unknown, path: DocPath): unknown => {
    if (typeof node === 'string')
      return interpolateString(
        node,
        lookup,
        (message, severity) => issues.push({ path, message, severity }),
        referenced,
      );
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), issues, referenced };
}

/** The variable names a compose text refers to (for a client that wants to pass only those). */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  interpolateString(
    text,
    () => undefined,
    () => undefined,
    names,
  );
  return [...names].sort();
}

type Report = (message: string, severity: 'error' | 'warning') => void;

function interpolateString(
  text: string,
  lookup: (name: string) => string | undefined,
  report: Report,
  referenced: Set<string>,
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        report(`"${text}" has a "\${" without its closing "}"`, 'error');
        return out + text.slice(i);
      }
      out += expandBraced(text.slice(i + 2, end), lookup, report, referenced);
      i = end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      report(`"${text}" has a "$" not followed by a variable name; write "$$" for a literal "$"`, 'error');
      out += '$';
      i++;
      continue;
    }
    out += resolve(name, lookup, report, referenced);
    i += 1 + name.length;
  }
  return out;
}

/** Index of the `}` closing a `${` whose content starts at `from`, minding nested `${...}`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

function expandBraced(
  inner: string,
  lookup: (name: string) => string | undefined,
  report: Report,
  referenced: Set<string>,
): string {
  const name = NAME.exec(inner)?.[0];
  if (!name) {
    report(
      `"\${${inner}}" is not a variable reference: a name is letters, digits and "_", not starting with a digit`,
      'error',
    );
    return '';
  }
  referenced.add(name);
  const rest = inner.slice(name.length);
  if (rest === '') return resolve(name, lookup, report, referenced);
  const operator = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  if (!operator) {
    report(`"\${${inner}}" uses an unknown modifier; use :-, -, :?, ?, :+ or +`, 'error');
    return '';
  }
  const argument = (): string => interpolateString(rest.slice(operator.length), lookup, report, referenced);
  const value = lookup(name);
  const emptyCounts = operator.startsWith(':');
  const missing = value === undefined || (emptyCounts && value === '');
  switch (operator) {
    case ':-':
    case '-':
      return missing ? argument() : (value ?? '');
    case ':?':
    case '?':
      if (missing) report(`variable ${name} is required: ${argument() || 'it is not set'}`, 'error');
      return value ?? '';
    default:
      return missing ? '' : argument();
  }
}

function resolve(
  name: string,
  lookup: (name: string) => string | undefined,
  report: Report,
  referenced: Set<string>,
): string {
  referenced.add(name);
  const value = lookup(name);
  if (value === undefined) {
    report(`variable ${name} is not set: using an empty string`, 'warning');
    return '';
  }
  return value;
}
