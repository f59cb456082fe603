import { Suspense, lazy, useRef, useState, type KeyboardEvent } from 'react';
import { ContainerActions } from '../containers/container-actions-bar.js';
import { containerKey, selectContainer, useDocker, type ContainerRef } from '../containers/docker-store.js';
import { shortId } from '../containers/format.js';
import { containerBackend } from '../terminal/terminal-backend.js';
import { LogsPanel } from './logs-panel.js';
import './details.css';

// xterm.js and uPlot are most of the bundle's weight and many sessions never open these tabs.
const TerminalPanel = lazy(() => import('../terminal/terminal-panel.js').then((m) => ({ default: m.TerminalPanel })));
const StatsPanel = lazy(() => import('./stats-panel.js').then((m) => ({ default: m.StatsPanel })));

/** F6 in the terminal goes back to the pane's selected tab. */
const tabOfPane = (element: HTMLElement): HTMLElement | null | undefined =>
  element.closest('.details-pane')?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');

type DetailsTab = 'logs' | 'terminal' | 'stats';
const TABS: readonly { id: DetailsTab; label: string }[] = [
  { id: 'logs', label: 'Logs' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'stats', label: 'Stats' },
];

/**
 * The pane under the list for one container. Only the open tab is mounted, so closing a tab,
 * the pane, or picking another container unmounts its stream and the stream's call is aborted.
 */
export function ContainerDetails({ target }: { target: ContainerRef }) {
  const container = useDocker(
    (state) => state.lists.containers[target.hostId]?.value.items.find((c) => c.id === target.id) ?? null,
  );
  const pending = useDocker((state) => state.pending[containerKey(target)]);
  const [tab, setTab] = useState<DetailsTab>('logs');
  const tabs = useRef<Partial<Record<DetailsTab, HTMLButtonElement | null>>>({});

  const onTabKey = (event: KeyboardEvent): void => {
    const index = TABS.findIndex((t) => t.id === tab);
    const next = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index + TABS.length - 1) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    }[event.key];
    const id = next === undefined ? undefined : TABS[next]?.id;
    if (!id) return;
    event.preventDefault();
    setTab(id);
    tabs.current[id]?.focus();
  };

  return (
    <section
      className="details-pane"
      data-testid="container-details"
      aria-label={`Container ${container?.name ?? shortId(target.id)}`}
      onKeyDown={(event) => event.key === 'Escape' && event.target === event.currentTarget && selectContainer(null)}
    >
      <header className="details-header">
        <div className="details-title">
          <h2 className="details-name">{container?.name ?? shortId(target.id)}</h2>
          <span className="details-meta">
            {container ? (
              <>
                on <strong>{container.hostName}</strong> ·{' '}
                <span className="state-badge" data-state={container.state}>
                  {container.state}
                </span>{' '}
                · <span className="mono">{container.image}</span>
              </>
            ) : (
              'This container is no longer listed (removed, or its host stopped answering).'
            )}
          </span>
        </div>
        <div className="details-actions">
          {container && <ContainerActions container={container} pending={pending} variant="buttons" />}
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Close details"
          title="Close"
          data-testid="details-close"
          onClick={() => selectContainer(null)}
        >
          <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </header>
      <div className="details-tabs" role="tablist" aria-label="Container details" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(element) => {
              tabs.current[t.id] = element;
            }}
            type="button"
            role="tab"
            id={`details-tab-${t.id}`}
            className="resource-tab"
            aria-selected={tab === t.id}
            aria-controls="details-tabpanel"
            tabIndex={tab === t.id ? 0 : -1}
            data-testid={`details-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="details-body" role="tabpanel" id="details-tabpanel" aria-labelledby={`details-tab-${tab}`}>
        <Suspense fallback={<p className="details-loading">Loading…</p>}>
          {tab === 'logs' && <LogsPanel target={target} />}
          {tab === 'terminal' &&
            (container && container.state !== 'running' ? (
              <p className="details-loading" data-testid="terminal-not-running">
                {container.name} is {container.state}. Start it to open a shell.
              </p>
            ) : (
              <TerminalPanel backend={containerBackend(target)} escapeTo={tabOfPane} />
            ))}
          {tab === 'stats' && <StatsPanel target={target} />}
        </Suspense>
      </div>
    </section>
  );
}
