import { describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../shared/index.js';
import { parseOpenPortFlags } from './open-ports.js';

describe('parseOpenPortFlags', () => {
  it('reads repeated flags and comma lists, dropping duplicates', () => {
    expect(parseOpenPortFlags(['80', '443,8080', '80'])).toEqual([80, 443, 8080]);
    expect(parseOpenPortFlags([])).toEqual([]);
  });

  it('names every bad port, not only the first', () => {
    let error: unknown;
    try {
      parseOpenPortFlags(['80, abc, 70000']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CrossdockError);
    expect((error as CrossdockError).message).toBe(
      '--open-port takes port numbers from 1 to 65535; "abc", "70000" are not',
    );
    expect(() => parseOpenPortFlags(['0'])).toThrow('"0" is not one');
  });
});
