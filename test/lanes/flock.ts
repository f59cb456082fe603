// flock(1) locks held by a child process, for test files in separate worker processes: the lock
// lasts until release() closes the child's stdin, or until the worker dies and the pipe closes
// with it, so a crashed file never leaves a lane locked.
import { spawn } from 'node:child_process';

export interface Held {
  release(): Promise<void>;
}

/**
 * Runs `flock <args> sh -c 'echo held; exec cat'`: resolves once the locks are held, or with null
 * when flock gave up (`-w` timed out); the locks last until release() closes cat's stdin.
 */
export function hold(args: string[]): Promise<Held | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('flock', [...args, 'sh', '-c', 'echo held; exec cat >/dev/null'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let answered = false;
    child.on('error', (error) =>
      reject(new Error(`flock ${args.join(' ')} could not start (util-linux missing?)`, { cause: error })),
    );
    child.stdout?.setEncoding('utf8').once('data', () => {
      answered = true;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        release: async () => {
          child.stdin?.end();
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      if (answered) return;
      // flock exits 1 when -w runs out; anything else is a fault worth its own message.
      if (code === 1) resolve(null);
      else reject(new Error(`flock ${args.join(' ')} exited ${code}`));
    });
  });
}
