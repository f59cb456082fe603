import { useState } from 'react';
import type { SshKeyInfo } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { useCrossdock } from '../state/store.js';
import { CopyButton } from './copy-button.js';
import { removeKey } from './key-actions.js';
import { GenerateKeyDialog } from './generate-key-dialog.js';
import { ImportKeyDialog } from './import-key-dialog.js';
import { DataTable, RowDangerButton } from '../views/data-table.js';
import './keys.css';

type Open = { dialog: 'import' } | { dialog: 'generate' } | { dialog: 'remove'; key: SshKeyInfo } | null;

function KeyTable({ keys, onRemove }: { keys: readonly SshKeyInfo[]; onRemove: (key: SshKeyInfo) => void }) {
  return (
    <DataTable className="key-table" testId="key-table" caption="SSH keys" columns={['Name', 'Type', 'Fingerprint']}>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id} data-testid="key-row" data-key-id={key.id}>
            <th scope="row">{key.name}</th>
            <td className="mono nowrap">{key.type}</td>
            <td className="mono selectable key-fingerprint">{key.fingerprint}</td>
            <td className="row-actions">
              <CopyButton
                text={key.publicKey}
                label="Copy public key"
                testId="key-copy-public"
                quiet
                what={`the public key of ${key.name}`}
              />
              <RowDangerButton action="Remove" name={key.name} testId="key-remove" onClick={() => onRemove(key)} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** Settings → SSH keys: the keys in the vault, and ways to add one. */
export function KeysSection() {
  const keys = useCrossdock((state) => state.keys);
  const vault = useCrossdock((state) => state.vault);
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const [open, setOpen] = useState<Open>(null);
  const close = (): void => setOpen(null);

  return (
    <section className="settings-section" aria-labelledby="settings-keys" data-testid="keys-section">
      <h2 id="settings-keys" className="section-title">
        SSH keys
      </h2>
      <p className="section-text">
        Crossdock logs in to your servers with these keys. The private halves stay in the vault; only the public key and
        fingerprint are shown.
      </p>
      {keys && keys.length > 0 && <KeyTable keys={keys} onRemove={(key) => setOpen({ dialog: 'remove', key })} />}
      {keys && keys.length === 0 && (
        <p className="muted">No keys yet. Import the key you already use for your servers, or generate a new one.</p>
      )}
      {!keys && vault?.initialized && !vault.unlocked && <p className="muted">Unlock the vault to see your keys.</p>}
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="key-import"
          disabled={!connected}
          onClick={() => setOpen({ dialog: 'import' })}
        >
          Import key…
        </button>
        <button
          type="button"
          className="button button-quiet"
          data-testid="key-generate"
          disabled={!connected}
          onClick={() => setOpen({ dialog: 'generate' })}
        >
          Generate ed25519 key…
        </button>
      </div>
      {open?.dialog === 'import' && <ImportKeyDialog onClose={close} />}
      {open?.dialog === 'generate' && <GenerateKeyDialog onClose={close} />}
      {open?.dialog === 'remove' && (
        <ConfirmDialog
          title={`Remove the key ${open.key.name}?`}
          testId="key-remove-dialog"
          message={
            <>
              The private key <strong>{open.key.name}</strong> (<span className="mono">{open.key.fingerprint}</span>) is
              deleted from the vault. Hosts that log in with it stop connecting until they get another key. This cannot
              be undone.
            </>
          }
          confirmLabel="Remove key"
          onConfirm={() => removeKey(open.key)}
          onClose={close}
        />
      )}
    </section>
  );
}
