import { useState } from 'react';
import { useCrossdock } from '../state/store.js';
import { noticeFailure } from '../state/core-call.js';
import { useLive } from '../state/use-live.js';
import { lockVault, vaultLive } from './vault-actions.js';
import { ChangePassphraseForm } from './change-passphrase-form.js';
import { CreateVaultForm } from './create-vault-form.js';
import { UnlockVaultForm } from './unlock-vault-form.js';
import { describeVault } from './passphrase-rules.js';
import './vault.css';

type Panel = 'none' | 'change';

/** Settings → Vault: what state it is in, and the one or two things that can be done now. */
export function VaultSection() {
  const status = useCrossdock((state) => state.vault);
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const [panel, setPanel] = useState<Panel>('none');
  const [busy, setBusy] = useState(false);
  const text = describeVault(status);

  // Read again whenever Settings is shown: the CLI or another window may have locked it meanwhile.
  useLive(vaultLive);

  const lock = async (): Promise<void> => {
    setBusy(true);
    const outcome = await lockVault();
    setBusy(false);
    if (!outcome.ok) noticeFailure('Could not lock the vault', outcome.failure);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-vault" data-testid="vault-section">
      <h2 id="settings-vault" className="section-title">
        Vault
      </h2>
      <div
        className="vault-status"
        data-testid="vault-status"
        data-state={text.label.toLowerCase().replace(/\s+/g, '-')}
      >
        <span className="status-pill" data-tone={text.tone}>
          <span className="status-dot" aria-hidden="true" />
          {text.label}
        </span>
        <span className="muted">{text.detail}</span>
      </div>
      {connected && status && !status.initialized && (
        <div className="vault-panel">
          <CreateVaultForm onDone={() => setPanel('none')} />
        </div>
      )}
      {connected && status?.initialized && !status.unlocked && status.protection !== 'keychain' && (
        <div className="vault-panel">
          <UnlockVaultForm onDone={() => setPanel('none')} />
        </div>
      )}
      {connected && status?.unlocked && (
        <div className="button-row">
          <button
            type="button"
            className="button button-quiet"
            data-testid="vault-lock"
            disabled={busy}
            onClick={() => void lock()}
          >
            Lock now
          </button>
          {status.protection === 'passphrase' && (
            <button
              type="button"
              className="button button-quiet"
              data-testid="vault-change"
              aria-expanded={panel === 'change'}
              onClick={() => setPanel(panel === 'change' ? 'none' : 'change')}
            >
              Change passphrase
            </button>
          )}
        </div>
      )}
      {connected && status?.unlocked && panel === 'change' && (
        <div className="vault-panel">
          <ChangePassphraseForm
            autoFocus
            onDone={() => setPanel('none')}
            extraActions={
              <button type="button" className="button button-quiet" onClick={() => setPanel('none')}>
                Cancel
              </button>
            }
          />
        </div>
      )}
    </section>
  );
}
