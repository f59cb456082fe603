import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { crossdockContract, type SchemaMap } from '../../../shared/index.js';

interface TwoMethods {
  first(args: { id: string }): Promise<void>;
  second(args: { n: number }): Promise<number>;
}

describe('the contract types', () => {
  it('refuse, at compile time, a method without a schema or with a schema of the wrong shape', () => {
    // These lines are checked by `npm run typecheck`: each must be a type error.
    // @ts-expect-error `second` has no schema
    const missing: SchemaMap<TwoMethods> = { first: z.object({ id: z.string() }) };
    // @ts-expect-error the schema of `second` does not produce its argument type
    const wrong: SchemaMap<TwoMethods> = { first: z.object({ id: z.string() }), second: z.object({ n: z.string() }) };
    const right: SchemaMap<TwoMethods> = { first: z.object({ id: z.string() }), second: z.object({ n: z.number() }) };
    expect([missing, wrong, right]).toHaveLength(3);
  });

  it('has a schema for every method of every domain of the Crossdock API', () => {
    for (const [domain, methods] of Object.entries(crossdockContract)) {
      for (const [method, schema] of Object.entries(methods)) {
        expect(typeof (schema as z.ZodType).safeParse, `${domain}.${method}`).toBe('function');
      }
    }
    expect(Object.keys(crossdockContract).sort()).toEqual([
      'bootstrap',
      'docker',
      'hosts',
      'images',
      'jobs',
      'keys',
      'machines',
      'migrations',
      'ports',
      'prices',
      'providers',
      'registries',
      'system',
      'vault',
      'workloads',
    ]);
  });
});
