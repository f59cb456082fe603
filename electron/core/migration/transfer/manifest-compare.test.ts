import { describe, expect, it } from 'vitest';
import { compareManifestEntries, displayPath, parseManifest, pathsGoneOrRetyped } from './manifest-compare.js';

const latin1 = (bytes: number[]): string => Buffer.from(bytes).toString('latin1');
const odd = `./${latin1([0x6e, 0x61, 0x09, 0xe9])}`; // "na\tme" with a byte that is not UTF-8

function listing(rows: [type: string, mode: string, owner: string, size: number, target: string, path: string][]): string {
  return rows.map((row) => `${row.join('\0')}\0`).join('');
}
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('volume manifests', () => {
  const source = parseManifest(
    listing([
      ['d', '755', '0:0', 4096, '', '.'],
      ['f', '600', '1234:5678', 7, '', './secret'],
      ['l', '777', '0:0', 6, 'a/b/c', './link'],
      ['d', '755', '0:0', 4096, '', './a'],
      ['f', '644', '0:0', 1, '', odd],
    ]),
    `${HASH_A}  ./secret\0${HASH_A}  ${odd}\0`,
  );

  it('parses find and sha256sum -z output, keeping names byte for byte', () => {
    expect(source.get('./secret')).toEqual({ type: 'f', mode: '600', owner: '1234:5678', size: 7, target: '', sha256: HASH_A });
    expect(source.get(odd)?.sha256).toBe(HASH_A);
    expect(source.get('./link')?.target).toBe('a/b/c');
  });

  it('finds nothing between equal manifests, and ignores directory sizes', () => {
    const target = parseManifest(
      listing([
        ['d', '755', '0:0', 60, '', '.'],
        ['f', '600', '1234:5678', 7, '', './secret'],
        ['l', '777', '0:0', 6, 'a/b/c', './link'],
        ['d', '755', '0:0', 40, '', './a'],
        ['f', '644', '0:0', 1, '', odd],
      ]),
      `${HASH_A}  ./secret\0${HASH_A}  ${odd}\0`,
    );
    expect(compareManifestEntries(source, target)).toEqual([]);
  });

  it('lists every difference by path', () => {
    const target = parseManifest(
      listing([
        ['d', '700', '0:0', 60, '', '.'],
        ['f', '600', '0:0', 7, '', './secret'],
        ['l', '777', '0:0', 5, 'a/b/d', './link'],
        ['f', '755', '0:0', 3, '', './a'],
        ['f', '644', '0:0', 3, '', './extra'],
      ]),
      `${HASH_B}  ./secret\0`,
    );
    expect(compareManifestEntries(source, target)).toEqual([
      '/ (the volume root): mode 755 → 700',
      'a: type d on the source, f on the target',
      'extra: only on the target',
      'link: link target a/b/c → a/b/d',
      `${displayPath(odd)}: missing on the target`,
      'secret: owner 1234:5678 → 0:0, content differs (SHA-256 aaaaaaaaaaaa… → bbbbbbbbbbbb…)',
    ].sort());
  });
});

describe('paths to delete before a delta pass', () => {
  it('takes what is gone or changed type, but not the children of a deleted directory', () => {
    const source = new Map([['./keep', 'f'], ['./a', 'd'], ['./was-dir', 'f'], ['./a-b', 'f']]);
    const target = new Map([
      ['./keep', 'f'],
      ['./a', 'd'],
      ['./a/gone', 'f'],
      ['./was-dir', 'd'],
      ['./was-dir/child', 'f'],
      ['./old', 'd'],
      ['./old/x', 'f'],
      ['./old/x/y', 'f'],
      ['./a-b', 'l'],
    ]);
    expect(pathsGoneOrRetyped(source, target)).toEqual(['./a-b', './a/gone', './old', './was-dir']);
  });
});
