// The verify's snapshot and refresh on a real volume of the local Docker engine: after the
// snapshot, files are changed the ways an application changes them (in place keeping size and
// mtime, replaced by a rename, moved with a renamed directory, added, deleted), and the refreshed
// manifest must equal a manifest computed from scratch, while hashing only what changed.
import { execFileSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  refreshVolumeManifest,
  snapshotVolumeManifest,
  volumeManifest,
} from '../../electron/core/migration/transfer/manifest.js';
import type { TransferHost } from '../../electron/core/migration/transfer/index.js';
import { localTransferHost, type LocalTransferHost } from './local-transfer-host.js';

const run = Date.now().toString(36);
const volumes: string[] = [];
let engine: LocalTransferHost | undefined;
let local: TransferHost;

const sh = (script: string): string => execFileSync('sh', ['-c', script], { encoding: 'utf8' });

/** A new local volume filled by `script` run in its mountpoint; its path. */
function volume(suffix: string, script: string): { name: string; path: string } {
  const name = `manifest-snapshot-${suffix}-${run}`;
  volumes.push(name);
  sh(`docker volume create ${name} >/dev/null`);
  const path = sh(`docker volume inspect -f '{{.Mountpoint}}' ${name}`).trim();
  sh(`cd ${path} && ${script}`);
  return { name, path };
}

beforeAll(async () => {
  engine = await localTransferHost();
  local = engine.host;
});

afterAll(async () => {
  for (const name of volumes) sh(`docker volume rm -f ${name} >/dev/null 2>&1 || true`);
  await engine?.dispose();
});

const digests = (manifest: Map<string, { sha256: string; type: string }>): [string, string][] =>
  [...manifest]
    .filter(([, e]) => e.type === 'f')
    .map(([path, e]): [string, string] => [path, e.sha256])
    .sort();

describe('manifest snapshot and refresh', () => {
  it('hashes again only what changed since the snapshot, and ends equal to a full manifest', async () => {
    const { name, path } = volume(
      'changes',
      'mkdir cur next keep && printf aaaa > cur/x && printf bbbb > next/x && printf same > keep/same && printf old! > inplace && printf v1 > replaced && printf gone > doomed && head -c 300000 /dev/urandom > big',
    );
    // The files must be older than the snapshot's mark (the mark allows for the coarse file clock).
    await delay(3_100);
    const snapshot = await snapshotVolumeManifest(local, name, { running: true });
    expect(digests(snapshot.manifest)).toEqual(digests(await volumeManifest(local, name)));

    // Nothing changed: nothing is hashed again.
    const unchanged = await refreshVolumeManifest(local, name, snapshot);
    expect(unchanged.rehashed).toBe(0);
    expect(digests(unchanged.manifest)).toEqual(digests(snapshot.manifest));

    // In place with the same size and the old mtime put back; a new file renamed over another;
    // `next` renamed over `cur` (its file keeps its old ctime, only its path changes); one added, one deleted.
    sh(
      `cd ${path} && printf new! > inplace.tmp && cat inplace.tmp > inplace && rm inplace.tmp && touch -d @1000000000 inplace`,
    );
    sh(
      `cd ${path} && printf v2 > replaced.new && mv replaced.new replaced && mv cur old && mv next cur && printf hi > added && rm doomed`,
    );
    const refreshed = await refreshVolumeManifest(local, name, snapshot);
    const full = await volumeManifest(local, name);
    expect(digests(refreshed.manifest)).toEqual(digests(full));
    expect(refreshed.manifest.get('./cur/x')?.sha256).toBe(full.get('./cur/x')?.sha256);
    expect(refreshed.manifest.get('./cur/x')?.sha256).not.toBe(snapshot.manifest.get('./cur/x')?.sha256);
    expect(refreshed.manifest.has('./doomed')).toBe(false);
    // inplace, replaced, added, cur/x and old/x; keep/same and big are not read again.
    expect(refreshed.rehashed).toBe(5);
  });

  it('on a host where nothing writes, reuses digests of files written just before the snapshot', async () => {
    // As on the target right after the bulk pass: its last files are half a second old (well
    // inside the margin a host with a running container gets, well past the idle one).
    const { name, path } = volume('idle', 'printf one > a && printf two > b && printf three > c');
    await delay(500);
    const snapshot = await snapshotVolumeManifest(local, name, { running: false });
    sh(`cd ${path} && printf TWO > b`);
    const refreshed = await refreshVolumeManifest(local, name, snapshot);
    expect(refreshed.rehashed).toBe(1);
    expect(digests(refreshed.manifest)).toEqual(digests(await volumeManifest(local, name)));
  });

  it('hashes everything again when the host clock went back since the snapshot', async () => {
    const { name } = volume('clock', 'printf one > a && printf two > b');
    await delay(3_100);
    const snapshot = await snapshotVolumeManifest(local, name, { running: false });
    // As if the clock had read a minute later at the snapshot than it does now.
    const refreshed = await refreshVolumeManifest(local, name, { ...snapshot, clock: snapshot.clock + 60 });
    expect(refreshed.rehashed).toBe(2);
    expect(digests(refreshed.manifest)).toEqual(digests(await volumeManifest(local, name)));
  });
});
