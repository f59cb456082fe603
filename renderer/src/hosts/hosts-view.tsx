import { useState } from 'react';
import { counted, type HostInfo } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { Dialog, DialogActions } from '../dialogs/dialog.js';
import { noticeFailure } from '../state/core-call.js';
import { errorIntent } from '../state/error-intent.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { AddHostDialog } from './add-host-dialog.js';
import { bootstrapHost, bootstrapNeedsPassword, reconnectHost, removeHost } from './host-actions.js';
import { BootstrapDialog } from './bootstrap-dialog.js';
import { RepinHostKey } from './repin-host-key.js';
import { HostKeyMismatch, type HostKeyChange } from './host-key-mismatch.js';
import { HostTable } from './host-table.js';
import { HostTerminalPane } from './host-terminal-pane.js';
import './hosts.css';

type Open =
  | { dialog: 'add' }
  | { dialog: 'bootstrap'; host: HostInfo; needsPassword: boolean }
  | { dialog: 'remove'; host: HostInfo }
  | { dialog: 'changed-key'; host: HostInfo; change: HostKeyChange }
  | null;

export function HostsView() {
  const hosts = useCrossdock((state) => state.hosts);
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [terminalFor, setTerminalFor] = useState<string | null>(null);
  const terminalHost = hosts.find((host) => host.id === terminalFor) ?? null;
  const close = (): void => setOpen(null);

  const reconnect = async (host: HostInfo): Promise<void> => {
    setBusy((current) => new Set(current).add(host.id));
    const outcome = await reconnectHost(host);
    setBusy((current) => {
      const next = new Set(current);
      next.delete(host.id);
      return next;
    });
    if (outcome.ok) return;
    const intent = errorIntent(outcome.failure);
    if (intent.kind === 'host-key-changed') setOpen({ dialog: 'changed-key', host, change: intent });
    else noticeFailure(`Could not connect to ${host.name}`, outcome.failure);
  };

  const bootstrap = async (host: HostInfo): Promise<void> => {
    const needsPassword = await bootstrapNeedsPassword(host);
    if (needsPassword === null) return;
    setOpen({ dialog: 'bootstrap', host, needsPassword });
  };

  const addButton = (
    <button
      type="button"
      className="button"
      data-testid="add-host"
      disabled={!connected}
      onClick={() => setOpen({ dialog: 'add' })}
    >
      Add host
    </button>
  );

  return (
    <>
      {hosts.length > 0 ? (
        <div className="page">
          <div className="page-toolbar">
            <p className="page-summary">{counted(hosts.length, 'host')}</p>
            {addButton}
          </div>
          <HostTable
            hosts={hosts}
            busy={busy}
            onReconnect={(host) => void reconnect(host)}
            onBootstrap={(host) => void bootstrap(host)}
            onTerminal={(host) => setTerminalFor(host.id)}
            onRemove={(host) => setOpen({ dialog: 'remove', host })}
          />
          {terminalHost && (
            <HostTerminalPane key={terminalHost.id} host={terminalHost} onClose={() => setTerminalFor(null)} />
          )}
        </div>
      ) : (
        <EmptyState
          view="hosts"
          title="No hosts yet"
          lead="Add the servers you already have by SSH, or the Docker engine on this computer. Every Docker host Crossdock manages is listed here with its connection status."
          abilities={[
            'Connect to any SSH-reachable server; its host key is checked on every connection, and shown to you the first time.',
            'Install Docker on whichever mainstream Linux the server runs.',
            'Reuse one kept-alive connection per host for every Docker call, so lists stay fast.',
          ]}
          action={addButton}
        />
      )}
      {open?.dialog === 'add' && <AddHostDialog onClose={close} />}
      {open?.dialog === 'remove' && (
        <ConfirmDialog
          title={`Remove ${open.host.name}?`}
          testId="host-remove-dialog"
          message={
            <>
              Crossdock stops managing <strong>{open.host.name}</strong> (
              <span className="mono">{open.host.endpoint}</span>)
              {open.host.kind === 'ssh' ? ' and forgets its pinned host key' : ''}. Nothing on the{' '}
              {open.host.kind === 'ssh' ? 'server' : 'engine'} changes: its containers keep running.
            </>
          }
          confirmLabel="Remove host"
          onConfirm={() => removeHost(open.host)}
          onClose={close}
        />
      )}
      {open?.dialog === 'bootstrap' && (
        <BootstrapDialog
          host={open.host}
          needsPassword={open.needsPassword}
          onClose={close}
          onStart={(choice) => {
            const host = open.host;
            close();
            void bootstrapHost(host, choice);
          }}
        />
      )}
      {open?.dialog === 'changed-key' && (
        <Dialog
          title={`Cannot connect to ${open.host.name}`}
          testId="hostkey-changed-dialog"
          role="alertdialog"
          onClose={close}
        >
          <div className="dialog-body">
            <HostKeyMismatch change={{ ...open.change, host: open.change.host ?? open.host.endpoint }} />
            <RepinHostKey host={open.host} presented={open.change.presented} onDone={close} />
            <DialogActions>
              <button type="button" className="button" data-autofocus onClick={close}>
                Close
              </button>
            </DialogActions>
          </div>
        </Dialog>
      )}
    </>
  );
}
