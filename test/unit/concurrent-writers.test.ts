import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostInventory } from '../../electron/core/hosts/inventory.js';
import { createConfStore } from '../../electron/core/store/conf-store.js';
import { openLockedStore } from '../../electron/core/store/store.js';
import { createVault } from '../../electron/core/vault/vault.js';

// The window, the web mode and the CLI may write the same files at the same instant. These tests
// start real processes that all write at once through the core's own classes, and check that no
// write was lost (before the lock, last rename won: most of the writes vanished).
const WRITERS = 8;
const EACH = 20;
const PASSPHRASE = 'correct horse battery staple';
// The file keeps its own KDF cost: the lowest accepted one, so eight unlocks stay quick.
const FAST = { N: 2 ** 14, r: 8, p: 1 };

const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-writers-'));
  dirs.push(dir);
  return dir;
}

function writer(what: 'vault' | 'hosts' | 'hold', dataDir: string, prefix = ''): ChildProcessWithoutNullStreams {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/concurrent-writer.ts', what, dataDir, prefix, String(EACH)],
    {
      env: { ...process.env, CROSSDOCK_PASSPHRASE: PASSPHRASE },
    },
  );
  children.push(child);
  return child;
}

function said(child: ChildProcessWithoutNullStreams, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').includes(word)) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`a writer exited with ${code} before saying "${word}": ${err.slice(-2000)}`)),
    );
  });
}

/** Starts the writers, lets them all get ready, then releases them at once and waits for them. */
async function writeAtOnce(what: 'vault' | 'hosts', dataDir: string): Promise<void> {
  const started = Array.from({ length: WRITERS }, (_, n) => writer(what, dataDir, `w${n}`));
  await Promise.all(started.map((child) => said(child, 'ready')));
  const done = started.map((child) => said(child, 'done'));
  for (const child of started) child.stdin.write('go\n');
  await Promise.all(done);
}

describe('many processes writing at once', () => {
  it(`${WRITERS} processes each adding ${EACH} secrets to one vault: all ${WRITERS * EACH} are there and decrypt`, async () => {
    const dataDir = tempDir();
    const vault = createVault({ dataDir, scrypt: FAST });
    await vault.initialize(PASSPHRASE);

    await writeAtOnce('vault', dataDir);

    const ids = vault.list().map((entry) => entry.id);
    expect(ids).toHaveLength(WRITERS * EACH);
    for (let n = 0; n < WRITERS; n++) {
      for (let i = 0; i < EACH; i++) expect(vault.get(`w${n}-${i}`).toString()).toBe(`value of w${n}-${i}`);
    }
    // Locks released, temporary files gone.
    expect(readdirSync(dataDir).sort()).toEqual(['vault.json']);
  }, 120_000);

  it(`${WRITERS} processes each adding ${EACH} hosts to the inventory: all ${WRITERS * EACH} are there`, async () => {
    const dataDir = tempDir();

    await writeAtOnce('hosts', dataDir);

    const names = new HostInventory(openLockedStore(dataDir, createConfStore)).list().map((host) => host.name);
    expect(names).toHaveLength(WRITERS * EACH);
    expect(new Set(names).size).toBe(WRITERS * EACH);
    expect(readdirSync(dataDir).sort()).toEqual(['crossdock.json']);
  }, 120_000);

  it('a process killed while it holds the vault’s lock does not block the next writer', async () => {
    const dataDir = tempDir();
    const vault = createVault({ dataDir, scrypt: FAST });
    await vault.initialize(PASSPHRASE);
    const holder = writer('hold', dataDir);
    await said(holder, 'holding');
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(readdirSync(dataDir).sort()).toEqual(['vault.json', 'vault.json.lock']);

    const started = Date.now();
    vault.put('after-the-crash', 'still works');
    // Taken over at once (the holder's pid is gone), not after the 30 s stale period.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(vault.get('after-the-crash').toString()).toBe('still works');
    expect(readdirSync(dataDir).sort()).toEqual(['vault.json']);
  }, 60_000);
});
