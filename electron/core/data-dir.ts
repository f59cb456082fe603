import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The one data directory every client uses (the window, the web mode and the CLI), so they see
 * the same inventory, vault and jobs. `CROSSDOCK_HOME` overrides it (tests, portable installs).
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CROSSDOCK_HOME) return env.CROSSDOCK_HOME;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Crossdock');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Crossdock');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'crossdock');
}
