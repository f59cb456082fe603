import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ContainerRef } from '../containers/docker-store.js';
import { attempt } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { useResolvedTheme } from '../theme/use-resolved-theme.js';
import { createInputQueue } from './exec-input.js';
import { TERMINAL_FONT, terminalTheme } from './terminal-theme.js';
import { openTerminalWithinCsp } from './xterm-csp.js';
import './terminal.css';

/** bash when the image has it, else sh: one exec, decided inside the container. */
export const SHELL_COMMAND = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

type SessionState = { phase: 'starting' } | { phase: 'running' } | { phase: 'exited'; code: number } | { phase: 'failed'; message: string };

/** A resize the shell may miss (it ended, the connection dropped) is harmless: nothing to report. */
function resize(sessionId: string, cols: number, rows: number): Promise<unknown> {
  return attempt((api) => api.docker.execResize({ sessionId, cols, rows }), { vault: false });
}

/**
 * A shell in the container. Output chunks are written to xterm; keystrokes go to `execInput`
 * (batched while a call is in flight), size changes to `execResize`. Unmounting (closing the tab
 * or the pane, picking another container) aborts the exec call, which ends the session.
 */
export function TerminalPanel({ target }: { target: ContainerRef }) {
  const host = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal | null>(null);
  const [state, setState] = useState<SessionState>({ phase: 'starting' });
  const [attemptNo, setAttemptNo] = useState(0);
  const session = useCrossdock((s) => (s.connection.status === 'connected' ? s.session : null));
  const theme = useResolvedTheme();

  useEffect(() => {
    const element = host.current;
    if (!element || session === null) return;
    const terminal = new Terminal({ fontFamily: TERMINAL_FONT, fontSize: 12, cursorBlink: true, scrollback: 5000, theme: terminalTheme() });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    const csp = openTerminalWithinCsp(terminal, element);
    terminalRef.current = terminal;
    fit.fit();
    terminal.focus();

    const controller = new AbortController();
    let sessionId: string | null = null;
    const input = createInputQueue(
      async (id, data) => {
        const sent = await attempt((api) => api.docker.execInput({ sessionId: id, data }), { vault: false });
        if (!sent.ok) throw new Error(sent.failure.message);
      },
      () => terminal.write('\r\n\u001b[31m[input could not be sent]\u001b[0m\r\n'),
    );
    const typing = terminal.onData((data) => input.push(data));
    // The shell takes Tab and Esc, so F6 is the way out to the tabs above (as in many IDE panes).
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.key !== 'F6') return true;
      if (event.type === 'keydown') element.closest('.details-pane')?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
      return false;
    });
    const resizing = terminal.onResize(({ cols, rows }) => {
      if (sessionId) void resize(sessionId, cols, rows);
    });
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fit.fit());
    });
    observer.observe(element);

    setState({ phase: 'starting' });
    const args = { host: target.hostId, container: target.id, command: SHELL_COMMAND, tty: true, cols: terminal.cols, rows: terminal.rows };
    void attempt(
      (api) =>
        api.docker.exec(args, {
          signal: controller.signal,
          onChunk: (chunk) => {
            if (chunk.kind === 'session') {
              sessionId = chunk.sessionId;
              input.start(chunk.sessionId);
              setState({ phase: 'running' });
              // The pane may have been resized between the call and the session.
              if (terminal.cols !== args.cols || terminal.rows !== args.rows) void resize(sessionId, terminal.cols, terminal.rows);
            } else {
              terminal.write(chunk.data);
            }
          },
        }),
      { vault: false },
    ).then((outcome) => {
      if (controller.signal.aborted) return;
      input.stop();
      if (outcome.ok) {
        terminal.write(`\r\n\u001b[2m[the shell exited with code ${outcome.value}]\u001b[0m\r\n`);
        setState({ phase: 'exited', code: outcome.value });
      } else {
        setState({ phase: 'failed', message: outcome.failure.message });
      }
    });

    return () => {
      controller.abort();
      input.stop();
      typing.dispose();
      resizing.dispose();
      observer.disconnect();
      cancelAnimationFrame(frame);
      terminalRef.current = null;
      terminal.dispose();
      csp.dispose();
    };
  }, [target.hostId, target.id, session, attemptNo]);

  // A theme switch repaints the open terminal instead of restarting the shell.
  useEffect(() => {
    if (terminalRef.current) terminalRef.current.options.theme = terminalTheme();
  }, [theme]);

  return (
    <div className="terminal-panel" data-testid="terminal-panel" data-phase={state.phase}>
      <div className="panel-toolbar">
        <span className="panel-status terminal-status" role="status">
          {state.phase === 'starting' && 'Starting a shell…'}
          {state.phase === 'running' && 'Shell running · Tab and Esc go to the shell; F6 leaves it'}
          {state.phase === 'exited' && `The shell exited with code ${state.code}.`}
          {state.phase === 'failed' && `Could not start a shell: ${state.message}`}
        </span>
        {(state.phase === 'exited' || state.phase === 'failed') && (
          <button type="button" className="button button-small" data-testid="terminal-restart" onClick={() => setAttemptNo((n) => n + 1)}>
            New shell
          </button>
        )}
      </div>
      <div className="terminal-host" ref={host} data-testid="terminal" />
    </div>
  );
}
