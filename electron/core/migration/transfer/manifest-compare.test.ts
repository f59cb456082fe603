import { describe, expect, it } from 'vitest';
import {
  compareManifestEntries,
  displayPath,
  mergeDigests,
  parseManifest,
  pathsGoneOrRetyped,
  pathsToRehash,
  sha256Records,
} from './manifest-compare.js';

const latin1 = (bytes: number[]): string => Buffer.from(bytes).toString('latin1');
const odd = `./${latin1([0x6e, 0x61, 0x09, 0xe9])}`; // "na\tme" with a byte that is not UTF-8

/** A listing as find prints it; inode and ctime follow the path's position unless given (`[…, inode, ctime]`). */
function listing(
  rows: (
    | [type: string, mode: string, owner: string, size: number, target: string, path: string]
    | [string, string, string, number, string, string, string, number]
  )[],
): string {
  return rows
    .map((row, i) => {
      const [type, mode, owner, size, target, path, inode = String(100 + i), ctime = 1000] = row;
      return `${[type, mode, owner, size, target, inode, ctime, path].join('\0')}\0`;
    })
    .join('');
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
    expect(source.get('./secret')).toEqual({
      type: 'f',
      mode: '600',
      owner: '1234:5678',
      size: 7,
      target: '',
      sha256: HASH_A,
      inode: '101',
      ctime: 1000,
    });
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
    expect(compareManifestEntries(source, target)).toEqual(
      [
        '/ (the volume root): mode 755 → 700',
        'a: type d on the source, f on the target',
        'extra: only on the target',
        'link: link target a/b/c → a/b/d',
        `${displayPath(odd)}: missing on the target`,
        'secret: owner 1234:5678 → 0:0, content differs (SHA-256 aaaaaaaaaaaa… → bbbbbbbbbbbb…)',
      ].sort(),
    );
  });
});

describe('hashing again after a snapshot', () => {
  const SINCE = 2000;
  // Taken while the app still ran: every file last changed before SINCE.
  const before = parseManifest(
    listing([
      ['d', '755', '0:0', 4096, '', '.', '1', 900],
      ['f', '644', '0:0', 5, '', './same', '10', 1500],
      ['f', '644', '0:0', 5, '', './written', '11', 1500],
      ['f', '644', '0:0', 5, '', './resized', '12', 1500],
      ['d', '755', '0:0', 4096, '', './cur', '20', 1500],
      ['f', '644', '0:0', 5, '', './cur/x', '21', 1500],
      ['d', '755', '0:0', 4096, '', './next', '30', 1500],
      ['f', '644', '0:0', 5, '', './next/x', '31', 1500],
      ['f', '644', '0:0', 5, '', './replaced', '40', 1500],
    ]),
    `${HASH_A}  ./same\0${HASH_A}  ./written\0${HASH_A}  ./resized\0${HASH_A}  ./cur/x\0${HASH_B}  ./next/x\0${HASH_A}  ./replaced\0`,
  );
  // After the stop: one file written in place (same size), one grown, `next` renamed over `cur`
  // (its file keeps its inode and its old ctime), one file replaced by a rename of a new one, and
  // one new file.
  const now = parseManifest(
    listing([
      ['d', '755', '0:0', 4096, '', '.', '1', 2100],
      ['f', '644', '0:0', 5, '', './same', '10', 1500],
      ['f', '644', '0:0', 5, '', './written', '11', 2050],
      ['f', '644', '0:0', 9, '', './resized', '12', 2050],
      ['d', '755', '0:0', 4096, '', './cur', '30', 2100],
      ['f', '644', '0:0', 5, '', './cur/x', '31', 1500],
      ['d', '755', '0:0', 4096, '', './old', '20', 2100],
      ['f', '644', '0:0', 5, '', './old/x', '21', 1500],
      ['f', '644', '0:0', 5, '', './replaced', '41', 2060],
      ['f', '644', '0:0', 1, '', './new', '50', 2070],
    ]),
    '',
  );

  it('hashes again every file changed, moved or new since the snapshot, and nothing else', () => {
    expect(pathsToRehash(before, now, SINCE).sort()).toEqual([
      './cur/x',
      './new',
      './old/x',
      './replaced',
      './resized',
      './written',
    ]);
  });

  it('hashes again a file whose ctime is at the mark itself', () => {
    const atMark = parseManifest(listing([['f', '644', '0:0', 5, '', './same', '10', SINCE]]), '');
    expect(pathsToRehash(before, atMark, SINCE)).toEqual(['./same']);
  });

  it('hashes everything when there is no snapshot to lean on', () => {
    expect(pathsToRehash(new Map(), now, SINCE)).toHaveLength(7); // every regular file
  });

  it('takes fresh digests for what was hashed again and the snapshot’s for the rest; one missing stays empty', () => {
    const merged = mergeDigests(before, now, ['./cur/x', './new'], `${HASH_B}  ./cur/x\0`);
    expect(merged.get('./same')?.sha256).toBe(HASH_A);
    expect(merged.get('./cur/x')?.sha256).toBe(HASH_B);
    expect(merged.get('./new')?.sha256).toBe('');
    expect(merged.get('./cur')?.sha256).toBe('');
    expect([...merged.keys()]).toEqual([...now.keys()]);
  });
});

describe('paths to delete before a delta pass', () => {
  it('takes what is gone or changed type, but not the children of a deleted directory', () => {
    const source = new Map([
      ['./keep', 'f'],
      ['./a', 'd'],
      ['./was-dir', 'f'],
      ['./a-b', 'f'],
    ]);
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
    expect(
      sha256Records(Buffer.concat([Buffer.from(`@openssl ${list.length}\n`), list, digests[0] as Buffer])),
    ).toBeNull();
    expect(sha256Records(Buffer.from('@openssl 99\nabc'))).toBeNull();
  });
});
