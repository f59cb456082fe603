import { describe, expect, it } from 'vitest';
import { directoryInodes, movedDirectories } from './moved-directories.js';

const dirs = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('movedDirectories', () => {
  it('finds nothing when every directory keeps its path and inode', () => {
    const before = dirs({ './a': '10', './a/b': '11' });
    expect(movedDirectories(before, dirs({ './a': '10', './a/b': '11' }))).toEqual([]);
  });

  it('finds a renamed directory, and a directory moved under another', () => {
    const before = dirs({ './a': '10', './b': '11', './c': '12' });
    const now = dirs({ './renamed': '10', './c': '12', './c/b': '11' });
    expect(movedDirectories(before, now)).toEqual([
      { path: './renamed', inode: '10' },
      { path: './c/b', inode: '11' },
    ]);
  });

  it('finds both directories of a swap (each path now holds the other inode)', () => {
    const before = dirs({ './d': '20', './e': '21' });
    expect(
      movedDirectories(before, dirs({ './d': '21', './e': '20' }))
        .map((m) => m.path)
        .sort(),
    ).toEqual(['./d', './e']);
  });

  it('leaves out new directories, and a directory replaced by a new one at the same path', () => {
    const before = dirs({ './a': '10' });
    expect(movedDirectories(before, dirs({ './a': '99', './new': '100', './new/deeper': '101' }))).toEqual([]);
  });

  it('returns only the topmost of nested moved directories', () => {
    const before = dirs({ './a': '10', './a/b': '11', './x': '12' });
    // a moved into x: its child b is at a new path too, and goes with it.
    const now = dirs({ './x': '12', './x/a': '10', './x/a/b': '11' });
    expect(movedDirectories(before, now)).toEqual([{ path: './x/a', inode: '10' }]);
  });
});

describe('directoryInodes', () => {
  it('keeps the directories of a listing', () => {
    const listing = new Map([
      ['./a', { type: 'd', inode: '1' }],
      ['./a/f', { type: 'f', inode: '2' }],
      ['./l', { type: 'l', inode: '3' }],
    ]);
    expect([...directoryInodes(listing)]).toEqual([['./a', '1']]);
  });
});
