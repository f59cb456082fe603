import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useCrossdock } from '../state/store.js';
import { useResolvedTheme } from '../theme/use-resolved-theme.js';
import { createInputQueue } from './input-queue.js';
import type { TerminalBackend } from './terminal-backend.js';
import { TERMINAL_FONT, terminalTheme } from './terminal-theme.js';
import { openTerminalWithinCsp } from './xterm-csp.js';
import './terminal.css';

type SessionState =
  | { phase: 'starting' }
  | { phase: 'running' }
  | { phase: 'exited'; code: number }
  | { phase: 'failed'; message: string };

/**
 * A shell in a container or on a host (the backend says which). Output chunks are written to
 * xterm; keystrokes go to the backend's input (batched while a call is in flight), size changes
 * to its resize. Unmounting (closing the tab or the pane, picking another container or host)
 * aborts the call, which ends the session. `escapeTo` finds what F6 moves the focus to.
 */
export function TerminalPanel({
  backend,
  escapeTo,
}: {
  backend: TerminalBackend;
  escapeTo: (element: HTMLElement) => HTMLElement | null | undefined;
}) {
  const host = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal | null>(null);
  const [state, setState] = useState<SessionState>({ phase: 'starting' });
  const [attemptNo, setAttemptNo] = useState(0);
  const session = useCrossdock((s) => (s.connection.status === 'connected' ? s.session : null));
  const theme = useResolvedTheme();

  useEffect(() => {
    const element = host.current;
    if (!element || session === null) return;
    const terminal = new Terminal({
      fontFamily: TERMINAL_FONT,
      fontSize: 12,
      cursorBlink: true,
      scrollback: 5000,
      theme: terminalTheme(),
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    const csp = openTerminalWithinCsp(terminal, element);
    terminalRef.current = terminal;
    fit.fit();
    terminal.focus();

    const controller = new AbortController();
    let sessionId: string | null = null;
    const input = createInputQueue(
      (id, data) => backend.input(id, data),
      () => terminal.write('\r\n\u001b[31m[input could not be sent]\u001b[0m\r\n'),
    );
    const typing = terminal.onData((data) => input.push(data));
    // The shell takes Tab and Esc, so F6 is the way out to the tabs above (as in many IDE panes).
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.key !== 'F6') return true;
      if (event.type === 'keydown') escapeTo(element)?.focus();
      return false;
    });
    const resizing = terminal.onResize(({ cols, rows }) => {
      if (sessionId) void backend.resize(sessionId, cols, rows).catch(() => undefined);
    });
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fit.fit());
    });
    observer.observe(element);

    setState({ phase: 'starting' });
    const size = { cols: terminal.cols, rows: terminal.rows };
    void backend
      .start(
        size,
        {
          onSession: (id) => {
            sessionId = id;
            input.start(id);
            setState({ phase: 'running' });
            // The pane may have been resized between the call and the session.
            if (terminal.cols !== size.cols || terminal.rows !== size.rows)
              void backend.resize(id, terminal.cols, terminal.rows).catch(() => undefined);
          },
          onOutput: (data) => terminal.write(data),
        },
        controller.signal,
      )
      .then((outcome) => {
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
    // The backend is keyed: a new key (another container or host) is a new shell.
  }, [backend.key, session, attemptNo]);

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
          <button
            type="button"
            className="button button-small"
            data-testid="terminal-restart"
            onClick={() => setAttemptNo((n) => n + 1)}
          >
            New shell
          </button>
        )}
      </div>
      <div className="terminal-host" ref={host} data-testid="terminal" />
    </div>
  );
}
