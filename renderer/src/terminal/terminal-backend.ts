import type { ContainerRef } from '../containers/docker-store.js';
import { attempt, type CoreRun, type Outcome } from '../state/core-call.js';

/** Keystrokes must arrive or the user is told (the input queue shows the failure in the terminal). */
async function send(run: CoreRun<void>): Promise<void> {
  const sent = await attempt(run, { vault: false });
  if (!sent.ok) throw new Error(sent.failure.message);
}

/** A resize the shell may miss (it ended, the connection dropped) is harmless: nothing to report. */
function resize(run: CoreRun<void>): Promise<unknown> {
  return attempt(run, { vault: false });
}

/** What a terminal session reports while it starts and runs. */
export interface TerminalEvents {
  onSession(sessionId: string): void;
  onOutput(data: string | Uint8Array): void;
}

/**
 * Where a terminal's shell runs: a container (docker exec) or a host (its SSH shell). The panel
 * is the same xterm for both; only these three calls differ.
 */
export interface TerminalBackend {
  /** Names the session in the panel's key: a new key starts a new shell. */
  key: string;
  start(size: { cols: number; rows: number }, events: TerminalEvents, signal: AbortSignal): Promise<Outcome<number>>;
  input(sessionId: string, data: string): Promise<unknown>;
  resize(sessionId: string, cols: number, rows: number): Promise<unknown>;
}

/** bash when the image has it, else sh: one exec, decided inside the container. */
export const SHELL_COMMAND = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

export function containerBackend(target: ContainerRef): TerminalBackend {
  return {
    key: `container:${target.hostId}/${target.id}`,
    start: (size, events, signal) =>
      attempt(
        (api) =>
          api.docker.exec(
            { host: target.hostId, container: target.id, command: SHELL_COMMAND, tty: true, ...size },
            {
              signal,
              onChunk: (chunk) =>
                chunk.kind === 'session' ? events.onSession(chunk.sessionId) : events.onOutput(chunk.data),
            },
          ),
        { vault: false },
      ),
    input: (sessionId, data) => send((api) => api.docker.execInput({ sessionId, data })),
    resize: (sessionId, cols, rows) => resize((api) => api.docker.execResize({ sessionId, cols, rows })),
  };
}

function fromBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** UTF-8 keystrokes as base64, which is how a host shell takes its input. */
export function toBase64(data: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(data)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A login shell on an SSH host over its pooled connection; the key comes from the vault. */
export function hostBackend(hostId: string): TerminalBackend {
  return {
    key: `host:${hostId}`,
    // The vault must be open for the host's key: ask for the passphrase if it is locked.
    start: (size, events, signal) =>
      attempt((api) =>
        api.hosts.shell(
          { host: hostId, tty: true, term: 'xterm-256color', ...size },
          {
            signal,
            onChunk: (chunk) =>
              chunk.kind === 'session' ? events.onSession(chunk.sessionId) : events.onOutput(fromBase64(chunk.base64)),
          },
        ),
      ),
    input: (sessionId, data) => send((api) => api.hosts.shellInput({ sessionId, base64: toBase64(data) })),
    resize: (sessionId, cols, rows) => resize((api) => api.hosts.shellResize({ sessionId, cols, rows })),
  };
}
