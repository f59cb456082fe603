// Fresh plain machines (`rig.sh fresh N`), remade on every call: for tests that change a
// machine for good, like bootstrap installing Docker.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseRigInfo, type RigInfo } from '../rig/rig-info.js';

const rigScript = fileURLToPath(new URL('../rig/rig.sh', import.meta.url));

export function freshMachines(count: number): Promise<RigInfo> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [rigScript, 'fresh', String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`rig.sh fresh ${count} exited ${code}:\n${stderr.split('\n').slice(-30).join('\n')}`));
      try {
        resolve(parseRigInfo(stdout.trimEnd().split('\n').at(-1) ?? ''));
      } catch (error) {
        reject(new Error(`rig.sh fresh printed no valid JSON line:\n${stdout}`, { cause: error }));
      }
    });
  });
}
