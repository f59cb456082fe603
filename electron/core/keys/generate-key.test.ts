import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEd25519Key } from './generate-key.js';
import { keygenFingerprint, keygenPublicFromPrivate } from './ssh-keygen-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('generateEd25519Key', () => {
  it('makes a key OpenSSH reads, with the comment and the fingerprint ssh-keygen prints', () => {
    const key = generateEd25519Key('deploy@crossdock');
    expect(key.type).toBe('ssh-ed25519');
    expect(key.publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]+=* deploy@crossdock$/);

    const dir = mkdtempSync(join(tmpdir(), 'crossdock-genkey-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'id'), key.privateKey, { mode: 0o600 });
    expect(keygenPublicFromPrivate(join(dir, 'id'))).toBe(key.publicKey.split(' ').slice(0, 2).join(' '));
    expect(keygenFingerprint(join(dir, 'id'))).toBe(key.fingerprint);

    const parsed = ssh2.utils.parseKey(key.privateKey);
    const publicKey = ssh2.utils.parseKey(key.publicKey);
    if (parsed instanceof Error || publicKey instanceof Error) throw new Error('unparseable');
    const data = randomBytes(32);
    expect(publicKey.verify(data, parsed.sign(data))).toBe(true);
  });

  it('makes a different key each time', () => {
    expect(generateEd25519Key('a').fingerprint).not.toBe(generateEd25519Key('a').fingerprint);
  });
});
