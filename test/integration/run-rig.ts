// Runs a `rig.sh` subcommand and reads its answer: the JSON on the last line of its stdout
// (progress goes to stderr). Fails, never skips, when Docker or the rig is missing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const rigScript = fileURLToPath(new URL('../rig/rig.sh', import.meta.url));

/** `bash rig.sh ...args`, its last stdout line given to `parse` (which throws on a wrong shape). */
export function runRig<T>(args: string[], parse: (line: string) => T): Promise<T> {
  const command = `rig.sh ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [rigScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`bash ${command} exited ${code}:\n${stderr.trimEnd().split('\n').slice(-30).join('\n')}`));
        return;
      }
      try {
        resolve(parse(stdout.trimEnd().split('\n').at(-1) ?? ''));
      } catch (error) {
        reject(new Error(`${command} printed no valid JSON line:\n${stdout}`, { cause: error }));
      }
    });
  });
}
