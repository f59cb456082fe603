import { describe, expect, it } from 'vitest';
import { interpolate, referencedVariables } from './interpolate.js';

const vars: Record<string, string> = { TAG: '1.27', EMPTY: '', PORT: '8080' };
const run = (text: string) => interpolate({ v: text }, (name) => vars[name]);
const value = (text: string): unknown => (run(text).value as { v: unknown }).v;

describe('interpolation', () => {
  it.each([
    ['nginx:${TAG}', 'nginx:1.27'],
    ['nginx:$TAG', 'nginx:1.27'],
    ['$PORT:80', '8080:80'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${MISSING-fallback}', 'fallback'],
    ['${TAG:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${MISSING:-${TAG}}', '1.27'],
    ['${MISSING:-a-${PORT}-b}', 'a-8080-b'],
    ['cost $$5', 'cost $5'],
    ['$${TAG}', '${TAG}'],
    ['no variables', 'no variables'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
    expect(run(text).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('an unset variable without a default becomes "" with a warning', () => {
    const result = run('x${NOPE}y');
    expect((result.value as { v: string }).v).toBe('xy');
    expect(result.issues).toEqual([
      { path: ['v'], message: 'variable NOPE is not set: using an empty string', severity: 'warning' },
    ]);
  });

  it('${VAR:?message} and ${VAR?message} are errors when unset, with the message', () => {
    expect(run('${NOPE:?set NOPE to the database password}').issues).toEqual([
      { path: ['v'], message: 'variable NOPE is required: set NOPE to the database password', severity: 'error' },
    ]);
    expect(run('${EMPTY:?needed}').issues[0]?.severity).toBe('error');
    expect(run('${EMPTY?needed}').issues).toEqual([]);
  });

  it.each(['${TAG', '${1ABC}', '${TAG:=x}', 'price $ 5'])('%s is an error', (text) => {
    expect(run(text).issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('reaches strings in lists and maps, leaves keys and non-strings alone, and reports paths', () => {
    const result = interpolate(
      { services: { web: { ports: ['${PORT}:80', 443], '${TAG}': true } } },
      (name) => vars[name],
    );
    expect(result.value).toEqual({ services: { web: { ports: ['8080:80', 443], '${TAG}': true } } });
    expect(interpolate({ a: [{ b: '$X' }] }, () => undefined).issues[0]?.path).toEqual(['a', 0, 'b']);
  });

  it('lists the names a text refers to', () => {
    expect(referencedVariables('image: app:${TAG:-x}\nports: ["$PORT:80", "${A:-${B}}"]\nprice: $$HOME')).toEqual([
      'A',
      'B',
      'PORT',
      'TAG',
    ]);
  });
});
