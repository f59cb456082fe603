import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { resolveDataDir } from '../../electron/core/data-dir.js';
import { STORE_FILE_NAME } from '../../electron/core/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('data directory and store', () => {
  it('CROSSDOCK_HOME overrides the platform default', () => {
    expect(resolveDataDir({ CROSSDOCK_HOME: '/srv/crossdock' }, 'linux')).toBe('/srv/crossdock');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/crossdock');
    expect(resolveDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Crossdock$/);
  });

  it('settings changed through the API persist as plain JSON in the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-store-'));
    dirs.push(dataDir);
    const first = createCore({ dataDir, mode: 'test' });
    const client = first.connectInProcess();
    expect(await client.api.system.getSettings({})).toEqual({ theme: 'system' });
    expect(await client.api.system.updateSettings({ theme: 'dark' })).toEqual({ theme: 'dark' });
    await expect(client.api.system.updateSettings({ theme: 'purple' as 'dark' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await first.dispose();

    const file = join(dataDir, `${STORE_FILE_NAME}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ settings: { theme: 'dark' } });
    const second = createCore({ dataDir, mode: 'test' });
    expect(await second.connectInProcess().api.system.getSettings({})).toEqual({ theme: 'dark' });
    await second.dispose();
  });
});
