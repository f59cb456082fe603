// The local Docker engine as a migration transfer host, through a core of its own in a temporary
// data directory: for tests of the transfer and cutover pieces that need a real engine, no SSH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import { transferHostFor, type TransferHost } from '../../electron/core/migration/transfer/index.js';

export interface LocalTransferHost {
  /** The host, named `laptop`. */
  host: TransferHost;
  dispose: () => Promise<void>;
}

export async function localTransferHost(): Promise<LocalTransferHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-local-host-'));
  const core = createCore({ dataDir, mode: 'test', knownHostsPaths: [] });
  const client = core.connectInProcess();
  await client.api.hosts.add({ kind: 'local', name: 'laptop' });
  return {
    host: await transferHostFor(core.runtime, core.hosts.find('laptop')),
    dispose: async () => {
      await core.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
