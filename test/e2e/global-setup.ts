import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseDockerRigInfo } from '../rig/docker-rig-info.js';
import { DOCKER_MACHINES, DOCKER_RIG_ENV } from '../integration/docker-rig.js';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium and a fresh build of the renderer (the web mode serves
 * out/renderer). Both are made here so `npm test` works on a new machine; a missing browser is
 * installed through the rig's package step, never skipped. The rig's Docker machines are brought
 * up here too, before any file starts, as the integration setup does (DOCKER_RIG_ENV in
 * test/integration/docker-rig.ts): browser files run beside integration files.
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    execFileSync('bash', ['test/rig/rig.sh', 'install'], { stdio: 'inherit' });
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not at ${CHROMIUM} and could not be installed (apt-get install chromium)`);
  // Always rebuild: a stale bundle would test yesterday's UI.
  execFileSync('npx', ['--no-install', 'electron-vite', 'build'], { stdio: 'inherit' });
  // The JSON is the last line of stdout; progress goes to stderr, shown live.
  const out = execFileSync('bash', ['test/rig/rig.sh', 'up-docker', String(DOCKER_MACHINES)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.trimEnd().split('\n').at(-1) ?? '';
  parseDockerRigInfo(line);
  process.env[DOCKER_RIG_ENV] = line;
}
