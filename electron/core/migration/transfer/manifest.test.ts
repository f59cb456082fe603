// The volume hash command, run for real on this computer with sh (as it runs on a host): the
// openssl form, and the sha256sum form when there is no openssl, both read back as the same
// records, names byte for byte (a newline, a backslash, a byte that is not UTF-8).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_FILES_SCRIPT } from './manifest.js';
import { sha256Records } from './manifest-compare.js';

let dir: string;
let noOpenssl: string;
const files: [name: Buffer, content: string][] = [
  [Buffer.from('plain.txt'), 'hello'],
  [Buffer.from('empty'), ''],
  [Buffer.from('line\nbreak'), 'a name with a newline'],
  [Buffer.from('back\\slash'), 'a name with a backslash'],
  [Buffer.from([0x6c, 0x61, 0x74, 0xe9]), 'a name that is not UTF-8'],
  [Buffer.from('sub/deeper/file'), 'x'.repeat(100_000)],
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossdock-manifest-'));
  const volume = join(dir, 'volume');
  mkdirSync(join(volume, 'sub', 'deeper'), { recursive: true });
  for (const [name, content] of files) writeFileSync(Buffer.concat([Buffer.from(`${volume}/`), name]), content);
  symlinkSync('plain.txt', join(volume, 'link'));
  // A PATH with what the sha256sum form needs and no openssl.
  noOpenssl = join(dir, 'bin');
  mkdirSync(noOpenssl);
  for (const tool of ['find', 'xargs', 'sha256sum']) symlinkSync(`/usr/bin/${tool}`, join(noOpenssl, tool));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hashRecords(path: string): Map<string, string> {
  const result = spawnSync('/bin/sh', ['-c', `cd -- ${join(dir, 'volume')} && ${HASH_FILES_SCRIPT}`], {
    env: { PATH: path },
  });
  expect(result.status, result.stderr.toString()).toBe(0);
  const records = sha256Records(result.stdout);
  expect(records).not.toBeNull();
  return new Map(
    (records as string)
      .split('\0')
      .filter(Boolean)
      .map((record) => [record.slice(66), record.slice(0, 64)]),
  );
}

const expected = new Map(
  files.map(([name, content]) => [`./${name.toString('latin1')}`, createHash('sha256').update(content).digest('hex')]),
);

describe('the volume hash command', () => {
  it('hashes every regular file with openssl when there is one', () => {
    const result = spawnSync('/bin/sh', ['-c', `cd -- ${join(dir, 'volume')} && ${HASH_FILES_SCRIPT}`]);
    expect(result.stdout.subarray(0, 9).toString()).toBe('@openssl ');
    expect(hashRecords(process.env.PATH ?? '/usr/bin:/bin')).toEqual(expected);
  });

  it('falls back to sha256sum -z without openssl, with the same records', () => {
    const result = spawnSync('/bin/sh', ['-c', `cd -- ${join(dir, 'volume')} && ${HASH_FILES_SCRIPT}`], {
      env: { PATH: noOpenssl },
    });
    expect(result.stdout.subarray(0, 11).toString()).toBe('@sha256sum\n');
    expect(hashRecords(noOpenssl)).toEqual(expected);
  });

  it('leaves no temporary directory behind', () => {
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const result = spawnSync('/bin/sh', ['-c', `cd -- ${join(dir, 'volume')} && ${HASH_FILES_SCRIPT}`], {
      env: { PATH: process.env.PATH ?? '', TMPDIR: tmp },
    });
    expect(result.status).toBe(0);
    expect(spawnSync('ls', ['-A', tmp]).stdout.toString()).toBe('');
  });
});
