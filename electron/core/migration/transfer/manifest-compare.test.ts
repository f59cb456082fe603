import { describe, expect, it } from 'vitest';
import { compareManifestEntries, displayPath, parseManifest, pathsGoneOrRetyped, sha256Records } from './manifest-compare.js';

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

describe('hash command output', () => {
  const names = ['./a', `./${latin1([0x6c, 0x0a, 0xe9])}`];
  const digests = [Buffer.alloc(32, 0xaa), Buffer.alloc(32, 0x01)];
  const list = Buffer.from(names.map((n) => `${n}\0`).join(''), 'latin1');

  it('reads the openssl form: names, then one 32-byte digest per name in order', () => {
    const output = Buffer.concat([Buffer.from(`@openssl ${list.length}\n`), list, ...digests]);
    expect(sha256Records(output)).toBe(`${'aa'.repeat(32)}  ./a\0${'01'.repeat(32)}  ${names[1]}\0`);
    expect(sha256Records(Buffer.from('@openssl 0\n'))).toBe('');
  });

  it('passes the sha256sum form through', () => {
    expect(sha256Records(Buffer.from(`@sha256sum\n${HASH_A}  ./a\0`))).toBe(`${HASH_A}  ./a\0`);
  });

  it('refuses output of another shape: no header, digests missing, a list longer than the output', () => {
    expect(sha256Records(Buffer.from(`${HASH_A}  ./a\0`))).toBeNull();
    expect(sha256Records(Buffer.concat([Buffer.from(`@openssl ${list.length}\n`), list, digests[0] as Buffer]))).toBeNull();
    expect(sha256Records(Buffer.from('@openssl 99\nabc'))).toBeNull();
  });
});
