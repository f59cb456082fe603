import { z } from 'zod';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/**
 * A value that may take several shapes (compose's short and long syntaxes), checked by the
 * schema for the shape it has. Unlike z.union, the issues are the chosen branch's own, with
 * their paths, rather than "Invalid input" from every branch.
 */
export function byType<T>(branches: Partial<Record<Kind, z.ZodType<T>>>, expected: string): z.ZodType<T, unknown> {
  return z.unknown().transform((value, ctx) => {
    const kind: Kind = value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as Kind);
    const schema = branches[kind];
    if (!schema) {
      ctx.addIssue({ code: 'custom', message: value === undefined ? 'is required' : `must be ${expected}` });
      return z.NEVER;
    }
    const result = schema.safeParse(value, { error: defaultMessage });
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
}

/** A value that compose writes as text but YAML may read as a number or boolean (`PORT: 80`). */
export const scalarText = byType<string>(
  { string: z.string(), number: z.number().transform(String), boolean: z.boolean().transform(String) },
  'a string, number or boolean',
);

/** `KEY: value` or `- KEY=value` (labels, driver options). */
export const stringMap = byType<Record<string, string>>(
  {
    object: z.record(z.string(), scalarText),
    array: z
      .array(z.string({ error: 'must be KEY=VALUE' }))
      .transform((items) => Object.fromEntries(items.map((item) => splitPair(item, '')))),
  },
  'a map or a list of KEY=VALUE',
);

/** Splits `KEY=VALUE` at its first `=`; a bare `KEY` gets `missing`. */
export function splitPair<M>(item: string, missing: M): [string, string | M] {
  const at = item.indexOf('=');
  return at < 0 ? [item, missing] : [item.slice(0, at), item.slice(at + 1)];
}

/** A transform that reports a `{ error }` result as an issue and passes any other result on. */
export function fromResult<I, R>(
  check: (input: I) => R,
): (input: I, ctx: z.RefinementCtx) => Exclude<R, { error: string }> {
  return (input, ctx) => {
    const result = check(input);
    if (typeof result === 'object' && result !== null && 'error' in result && typeof result.error === 'string') {
      ctx.addIssue({ code: 'custom', message: result.error });
      return z.NEVER;
    }
    return result as Exclude<R, { error: string }>;
  };
}

/**
 * Messages for issues whose schema gave none, in the words of the rest ("must be a list"). The
 * nested parses of {@link byType} use it too, since a parse's error option does not reach them.
 */
export function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type')
    return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
  if (issue.code === 'invalid_value') return `must be ${issue.values.map(String).join(' or ')}`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  if (issue.code === 'too_small' && issue.origin === 'array') return 'must not be an empty list';
  return undefined;
}

function article(expected: string): string {
  const names: Record<string, string> = { object: 'a map', array: 'a list', record: 'a map' };
  return names[expected] ?? (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
}
