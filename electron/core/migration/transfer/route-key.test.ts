import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEd25519Key } from '../../keys/generate-key.js';
import { sha256Fingerprint } from '../../ssh/host-key-fingerprint.js';
import {
  AUTHORIZE_KEY_SCRIPT,
  authorizedKeyLine,
  checkMigrationId,
  knownHostsLine,
  parseKeyscan,
  sshCommand,
  unauthorizeKeyScript,
} from './route-key.js';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** Runs a script as on the target, with HOME pointing at a scratch directory. */
function runIn(home: string, script: string, input = ''): void {
  execFileSync('sh', ['-c', script], { env: { ...process.env, HOME: home }, input });
}

describe('the ephemeral key in authorized_keys', () => {
  const key = generateEd25519Key('x');

  it('limits the key to running commands, with an expiry when the server knows it', () => {
    const line = authorizedKeyLine(key.publicKey, 'm1', '202601020304');
    expect(line).toMatch(
      /^no-agent-forwarding,no-X11-forwarding,no-port-forwarding,no-pty,no-user-rc,expiry-time="202601020304" ssh-ed25519 \S+ crossdock-migration-m1$/,
    );
    expect(authorizedKeyLine(key.publicKey, 'm1', null)).not.toContain('expiry-time');
  });

  it('is appended on a line of its own and removed again, leaving other keys and the file mode alone', () => {
    const home = mkdtempSync(join(tmpdir(), 'crossdock-authkeys-'));
    homes.push(home);
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    const file = join(home, '.ssh', 'authorized_keys');
    // No newline at the end, and a key whose comment starts like ours.
    writeFileSync(file, 'ssh-ed25519 AAAAother user@laptop\nssh-ed25519 AAAAsimilar crossdock-migration-m10', {
      mode: 0o600,
    });
    runIn(home, AUTHORIZE_KEY_SCRIPT, `${authorizedKeyLine(key.publicKey, 'm1', null)}\n`);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/crossdock-migration-m1$/);

    runIn(home, unauthorizeKeyScript('m1'));
    expect(readFileSync(file, 'utf8')).toBe(
      'ssh-ed25519 AAAAother user@laptop\nssh-ed25519 AAAAsimilar crossdock-migration-m10\n',
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    runIn(home, unauthorizeKeyScript('m1'));
    runIn(mkdtempSync(join(tmpdir(), 'crossdock-nokeys-')), unauthorizeKeyScript('m1'));
  });

  it('creates ~/.ssh and the file, private, when there is none', () => {
    const home = mkdtempSync(join(tmpdir(), 'crossdock-authkeys-'));
    homes.push(home);
    runIn(home, AUTHORIZE_KEY_SCRIPT, `${authorizedKeyLine(key.publicKey, 'm2', null)}\n`);
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, '.ssh', 'authorized_keys')).mode & 0o777).toBe(0o600);
  });
});

describe("the target's host key on the source", () => {
  it('keeps only scanned keys and fingerprints them like ssh-keygen', () => {
    const blob = Buffer.from('0000000b7373682d6564323535313900000020' + '11'.repeat(32), 'hex');
    const output = `# 10.0.0.5:22 SSH-2.0-OpenSSH_9.2\n10.0.0.5 ssh-ed25519 ${blob.toString('base64')}\n\n`;
    const keys = parseKeyscan(output);
    expect(keys).toEqual([
      { keyType: 'ssh-ed25519', blob: blob.toString('base64'), fingerprint: sha256Fingerprint(blob) },
    ]);
    expect(knownHostsLine(keys[0] as (typeof keys)[number])).toBe(
      `crossdock-migration-target ssh-ed25519 ${blob.toString('base64')}`,
    );
  });

  it('makes ssh strict about that key and quiet about everything else', () => {
    const command = sshCommand(
      "'/tmp/d'",
      { address: '10.0.0.5', port: 2222, user: 'root', hostKeyFingerprint: 'SHA256:x' },
      'ssh-rsa',
    );
    expect(command).toContain('-o StrictHostKeyChecking=yes');
    expect(command).toContain('-o BatchMode=yes');
    expect(command).toContain("-o UserKnownHostsFile='/tmp/d'/known_hosts");
    expect(command).toContain('-o HostKeyAlgorithms=rsa-sha2-512,rsa-sha2-256,ssh-rsa');
    expect(command).toMatch(/-p 2222 'root@10\.0\.0\.5'$/);
  });
});

describe('migration ids', () => {
  it('accepts plain ids and refuses ones that could leave a file name', () => {
    expect(() => checkMigrationId('2024-05-01.web_1')).not.toThrow();
    expect(() => checkMigrationId('0b9f6f52-3d3c-4b8e-9a51-1f0c2a7d9e11')).not.toThrow();
    for (const bad of ['', '../x', 'a b', '-rf', 'a/b', "a'b", 'x'.repeat(49)])
      expect(() => checkMigrationId(bad), bad).toThrow(/Migration id/);
  });
});
