import { Suspense, lazy, useMemo, useRef } from 'react';
import type { HostInfo } from '../../../shared/index.js';
import { hostBackend } from '../terminal/terminal-backend.js';
import '../container-details/details.css';

// xterm.js is most of the bundle's weight and many sessions never open a terminal.
const TerminalPanel = lazy(() => import('../terminal/terminal-panel.js').then((m) => ({ default: m.TerminalPanel })));

/**
 * A login shell on an SSH host, under the hosts table: the same xterm as a container's
 * terminal, over the host's pooled connection with the key from the vault. Closing the pane
 * ends the shell. F6 leaves the terminal for the pane's Close button; Escape there closes it.
 */
export function HostTerminalPane({ host, onClose }: { host: HostInfo; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  const backend = useMemo(() => hostBackend(host.id), [host.id]);
  return (
    <section
      className="details-pane host-terminal"
      data-testid="host-terminal"
      aria-label={`Terminal on ${host.name}`}
      onKeyDown={(event) => event.key === 'Escape' && event.target === close.current && onClose()}
    >
      <header className="details-header">
        <div className="details-title">
          <h2 className="details-name">Terminal · {host.name}</h2>
          <span className="details-meta mono">{host.endpoint}</span>
        </div>
        <button
          ref={close}
          type="button"
          className="icon-button"
          aria-label={`Close the terminal on ${host.name}`}
          title="Close (ends the shell)"
          data-testid="host-terminal-close"
          onClick={onClose}
        >
          <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </header>
      <Suspense fallback={<p className="panel-status">Loading the terminal…</p>}>
        <TerminalPanel backend={backend} escapeTo={() => close.current} />
      </Suspense>
    </section>
  );
}
