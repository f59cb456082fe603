import { describe, expect, it } from 'vitest';
import { parseDeclarations } from './xterm-csp.js';

describe('parseDeclarations', () => {
  it('splits what xterm would have put in a style attribute', () => {
    expect(parseDeclarations('color:#ff8800;background-color:#001122;')).toEqual([
      ['color', '#ff8800'],
      ['background-color', '#001122'],
    ]);
  });

  it('keeps colons inside values and skips empty parts', () => {
    expect(parseDeclarations(';color: rgb(1, 2, 3) ;; x:;:y')).toEqual([['color', 'rgb(1, 2, 3)']]);
  });
});
