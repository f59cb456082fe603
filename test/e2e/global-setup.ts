import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium and a fresh build of the renderer (the web mode serves
 * out/renderer). Both are made here so `npm test` works on a new machine; a missing browser is
 * installed through the rig's package step, never skipped.
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    execFileSync('bash', ['test/rig/rig.sh', 'install'], { stdio: 'inherit' });
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM} and could not be installed (apt-get install chromium)`);
  // Always rebuild: a stale bundle would test yesterday's UI.
  execFileSync('npx', ['--no-install', 'electron-vite', 'build'], { stdio: 'inherit' });
}
