import { useState } from 'react';
import type { ProviderInfo } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { FormError } from '../forms/text-field.js';
import { PROVIDER_KIND_LABEL, locationLabel } from '../machines/machine-state.js';
import { noticeFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { AddProviderDialog } from './add-provider-dialog.js';
import { removeProvider } from './provider-actions.js';
import { useProviderList } from './providers-store.js';
import { DataTable, RowDangerButton } from '../views/data-table.js';

type Open = { dialog: 'add' } | { dialog: 'remove'; provider: ProviderInfo } | null;

/** Where machines can be made: the built-in sandbox and the cloud accounts the user added. */
export function ProvidersPanel() {
  const { providers, error } = useProviderList();
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const [open, setOpen] = useState<Open>(null);
  const close = (): void => setOpen(null);

  return (
    <section className="providers-panel" aria-labelledby="providers-title" data-testid="providers-panel">
      <div className="page-toolbar">
        <h2 id="providers-title" className="section-title">
          Providers
        </h2>
        <button
          type="button"
          className="button button-quiet"
          data-testid="add-provider"
          disabled={!connected}
          onClick={() => setOpen({ dialog: 'add' })}
        >
          Add provider
        </button>
      </div>
      {error && (
        <FormError testId="providers-error">
          <p>
            Could not list the providers: {error.message}{' '}
            {error.code && <code className="notice-code">{error.code}</code>}
          </p>
        </FormError>
      )}
      {providers && (
        <DataTable
          className="provider-table"
          testId="provider-table"
          caption="Providers"
          columns={['Name', 'Kind', 'Region', 'Credentials']}
        >
          <tbody>
            {providers.map((provider) => (
              <tr
                key={provider.id}
                data-testid="provider-row"
                data-provider-name={provider.name}
                data-provider-kind={provider.kind}
              >
                <th scope="row">
                  {provider.name}
                  {provider.builtIn && <span className="machine-sub">Built in, the default</span>}
                </th>
                <td>{PROVIDER_KIND_LABEL[provider.kind]}</td>
                <td className={provider.region ? 'nowrap' : 'muted'} data-testid="provider-location">
                  {locationLabel(provider)}
                </td>
                <td className="muted">
                  {provider.builtIn ? 'None needed' : provider.hasCredential ? 'In the vault' : 'Missing'}
                </td>
                <td className="row-actions">
                  {!provider.builtIn && (
                    <RowDangerButton
                      action="Remove"
                      name={provider.name}
                      testId="provider-remove"
                      onClick={() => setOpen({ dialog: 'remove', provider })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {open?.dialog === 'add' && <AddProviderDialog onClose={close} />}
      {open?.dialog === 'remove' && (
        <ConfirmDialog
          title={`Remove ${open.provider.name}?`}
          testId="provider-remove-dialog"
          message={
            <>
              Crossdock forgets the {PROVIDER_KIND_LABEL[open.provider.kind]} account{' '}
              <strong>{open.provider.name}</strong> and deletes its credentials from the vault. Machines already made on
              it keep running there, and are no longer listed here.
            </>
          }
          confirmLabel="Remove provider"
          onConfirm={async () => {
            const outcome = await removeProvider(open.provider);
            if (!outcome.ok) noticeFailure(`Could not remove ${open.provider.name}`, outcome.failure);
          }}
          onClose={close}
        />
      )}
    </section>
  );
}
