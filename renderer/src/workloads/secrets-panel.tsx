import { useMemo, useState } from 'react';
import type { WorkloadSecretInfo } from '../../../shared/index.js';
import { formatDate } from '../containers/format.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { FormError } from '../forms/text-field.js';
import { noticeFailure, type CoreFailure } from '../state/core-call.js';
import { valuesOf } from '../state/live-rule.js';
import { useCrossdock } from '../state/store.js';
import { useViewLive } from '../state/use-live.js';
import { requestVaultAccess } from '../vault/vault-prompt-store.js';
import { DataTable } from '../views/data-table.js';
import { AddSecretDialog } from './add-secret-dialog.js';
import { removeSecret } from './secret-actions.js';

type Open = { dialog: 'add' } | { dialog: 'remove'; name: string } | null;

/** The stored secrets' names, kept live: read on (re)connection and after every change made here. */
function useSecrets(): {
  secrets: WorkloadSecretInfo[] | null;
  failure: CoreFailure | null;
  reload: () => Promise<void>;
} {
  // Names are not secret: they are listed while the vault is locked, so no prompt.
  const { state, store } = useViewLive<WorkloadSecretInfo[], WorkloadSecretInfo>('secrets', () => ({
    fetch: (api) => api.workloads.secrets({}),
    entries: (secrets) => new Map(secrets.map((secret) => [secret.name, secret])),
  }));
  const secrets = useMemo(
    () => (state.entries ? valuesOf(state.entries).sort((a, b) => a.name.localeCompare(b.name)) : null),
    [state.entries],
  );
  return { secrets, failure: state.failure, reload: () => store?.load() ?? Promise.resolve() };
}

/**
 * Values for compose files' `secrets:`, kept in the vault: their names and when each was last
 * set (never a value), add one, remove one after a confirmation naming it.
 */
export function SecretsPanel() {
  const { secrets, failure, reload } = useSecrets();
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const vault = useCrossdock((state) => state.vault);
  const [open, setOpen] = useState<Open>(null);
  const close = (): void => setOpen(null);
  const locked = vault !== null && !vault.unlocked;

  return (
    <section className="secrets-panel" aria-labelledby="secrets-title" data-testid="secrets-panel">
      <div className="page-toolbar">
        <h2 id="secrets-title" className="section-title">
          Secrets
        </h2>
        <button
          type="button"
          className="button button-quiet"
          data-testid="add-secret"
          disabled={!connected}
          onClick={() => setOpen({ dialog: 'add' })}
        >
          Add secret…
        </button>
      </div>
      <p className="muted secrets-lead">
        Compose files take them with{' '}
        <code>
          secrets: {'{'} NAME: {'{'} external: true {'}'} {'}'}
        </code>
        ; each value is written into the container at <code>/run/secrets/NAME</code>.
      </p>
      {locked && (
        <p className="secrets-locked" data-testid="secrets-vault-locked">
          The vault is locked: the names are listed, but storing or removing a secret (and deploying a file that uses
          one) needs its passphrase.{' '}
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => void requestVaultAccess(vault.initialized)}
          >
            {vault.initialized ? 'Unlock the vault' : 'Set up the vault'}
          </button>
        </p>
      )}
      {failure && (
        <FormError testId="secrets-error">
          <p>
            Could not list the secrets: {failure.message}{' '}
            {failure.code && <code className="notice-code">{failure.code}</code>}
          </p>
        </FormError>
      )}
      {secrets &&
        (secrets.length === 0 ? (
          <p className="muted" data-testid="secrets-empty">
            No secrets stored yet.
          </p>
        ) : (
          <DataTable className="secret-table" testId="secret-table" caption="Secrets" columns={['Name', 'Last set']}>
            <tbody>
              {secrets.map((secret) => (
                <tr key={secret.name} data-testid="secret-row" data-secret={secret.name}>
                  <th scope="row" className="mono">
                    {secret.name}
                  </th>
                  <td className="nowrap">{formatDate(secret.updatedAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button button-small button-danger"
                      data-testid="secret-remove"
                      aria-label={`Remove secret ${secret.name}`}
                      onClick={() => setOpen({ dialog: 'remove', name: secret.name })}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ))}
      {open?.dialog === 'add' && (
        <AddSecretDialog stored={secrets ?? []} onClose={close} onStored={() => void reload()} />
      )}
      {open?.dialog === 'remove' && (
        <ConfirmDialog
          title={`Remove secret ${open.name}?`}
          testId="secret-remove-dialog"
          message={
            <>
              The value of <strong className="mono">{open.name}</strong> is deleted from the vault. Containers already
              running keep their copy; compose files that use {open.name} cannot be deployed until it is stored again.
            </>
          }
          confirmLabel={`Remove ${open.name}`}
          onConfirm={async () => {
            const outcome = await removeSecret(open.name);
            if (!outcome.ok) noticeFailure(`Could not remove secret ${open.name}`, outcome.failure);
            await reload();
          }}
          onClose={close}
        />
      )}
    </section>
  );
}
