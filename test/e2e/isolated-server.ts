import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCrossdockServer, type CrossdockServer } from './crossdock-server.js';

/**
 * `crossdock serve` with HOME pointing at an empty folder and no CROSSDOCK_PASSPHRASE, so the
 * ~/.ssh/known_hosts and ~/.ssh/config of whoever runs the tests cannot pin, suggest or trust
 * anything, and the vault starts uncreated: the page has to do all of it.
 *
 * The server inherits this process's environment when it is spawned, so the two variables are
 * changed around that call and put back at once. Nothing else runs in this test file's worker
 * meanwhile.
 */
export async function startIsolatedCrossdockServer(): Promise<CrossdockServer> {
  const home = mkdtempSync(join(tmpdir(), 'crossdock-e2e-home-'));
  const saved = { HOME: process.env.HOME, CROSSDOCK_PASSPHRASE: process.env.CROSSDOCK_PASSPHRASE };
  process.env.HOME = home;
  delete process.env.CROSSDOCK_PASSPHRASE;
  let server: CrossdockServer;
  try {
    server = await startCrossdockServer();
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw error;
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(home, { recursive: true, force: true });
    },
    crash: () => server.crash(),
  };
}
