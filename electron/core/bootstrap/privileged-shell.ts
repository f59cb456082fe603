import { createInterface } from 'node:readline';
import { CrossdockError } from '../../../shared/index.js';
import type { HostConnection } from '../ssh/host-connection.js';
import { killTreeScript } from './service-script.js';
import { shQuote } from './shell-quote.js';

/** How scripts become root on a host; the sudo password lives only here, in memory. */
export type Privilege = { mode: 'root' } | { mode: 'sudo' } | { mode: 'sudo-password'; password: string };

/** A line a script printed: a `@crossdock` marker, or command output for the job log. */
export interface ScriptLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ScriptResult {
  exitCode: number | null;
  /** `@crossdock KIND TEXT` markers in order (pid lines excluded). */
  markers: { kind: string; text: string }[];
  stdout: string;
  stderr: string;
}

/**
 * The command line and stdin that run `script` as root. The script travels as an argument
 * (it holds no secret); a sudo password goes only to `sudo -S` on stdin, never on a command
 * line. `-k` makes sudo read it every time, so a cached sudo ticket cannot leave the password
 * unread on stdin (the scripts also close their stdin first).
 */
export function privilegedCommand(script: string, privilege: Privilege): { command: string; stdin?: string } {
  const shell = `sh -c ${shQuote(script)}`;
  if (privilege.mode === 'root') return { command: shell };
  if (privilege.mode === 'sudo') return { command: `sudo -n ${shell}` };
  return { command: `sudo -k -S -p '' ${shell}`, stdin: `${privilege.password}\n` };
}

/**
 * Runs a generated script as root over the host's pooled connection, streaming its lines to
 * `onLine`. Cancel (the signal) closes the channel and, since sshd will not signal a root
 * session's command, also kills the script's process tree through a second command.
 */
export async function runPrivileged(
  connection: HostConnection,
  script: string,
  privilege: Privilege,
  options: { signal?: AbortSignal | undefined; onLine?: (line: ScriptLine) => void } = {},
): Promise<ScriptResult> {
  const { command, stdin } = privilegedCommand(script, privilege);
  const proc = await connection.execStream(command, { signal: options.signal, stdin: stdin ?? '' });
  const markers: ScriptResult['markers'] = [];
  const out: string[] = [];
  const err: string[] = [];
  let pid: number | null = null;
  const read = (stream: NodeJS.ReadableStream, name: ScriptLine['stream'], sink: string[]): Promise<void> =>
    new Promise((resolve) => {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', (text) => {
        const marker = /^@crossdock (\S+) ?(.*)$/.exec(text);
        if (marker?.[1] === 'pid') {
          pid = Number(marker[2]);
          return;
        }
        if (marker) markers.push({ kind: marker[1] as string, text: marker[2] as string });
        sink.push(text);
        options.onLine?.({ stream: name, text });
      });
      lines.on('close', resolve);
    });
  const reading = Promise.all([read(proc.stdout, 'stdout', out), read(proc.stderr, 'stderr', err)]);
  const status = await proc.exited;
  if (status.cancelled) {
    if (pid !== null) {
      const kill = privilegedCommand(killTreeScript(pid), privilege);
      await connection.exec(kill.command, { stdin: kill.stdin }).catch(() => undefined);
    }
    throw new CrossdockError('CANCELLED', `Cancelled on ${connection.endpoint}`, { host: connection.endpoint });
  }
  await reading;
  return { exitCode: status.exitCode, markers, stdout: out.join('\n'), stderr: err.join('\n') };
}
