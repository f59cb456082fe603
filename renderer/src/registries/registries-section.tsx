import { useState } from 'react';
import type { RegistryLoginInfo } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { FormError } from '../forms/text-field.js';
import { useCrossdock } from '../state/store.js';
import { DataTable, RowDangerButton } from '../views/data-table.js';
import { AddRegistryDialog } from './add-registry-dialog.js';
import { useRegistryLogins } from './registries-store.js';
import { importDockerLogins, removeLogin, testLogin } from './registry-actions.js';

type Open = { dialog: 'add' } | { dialog: 'remove'; login: RegistryLoginInfo } | null;

function savedOn(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** Settings → Registries: logins kept once in the vault, sent with each pull, never stored on a host. */
export function RegistriesSection() {
  const { logins, error } = useRegistryLogins();
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const [open, setOpen] = useState<Open>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const close = (): void => setOpen(null);

  const test = async (login: RegistryLoginInfo): Promise<void> => {
    setTesting(login.registry);
    await testLogin(login);
    setTesting(null);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-registries" data-testid="registries-section">
      <h2 id="settings-registries" className="section-title">
        Registries
      </h2>
      <p className="section-text">
        Logins for container registries. Passwords and tokens stay in the vault; each pull sends the login to the host’s
        Docker engine with that request only, so no host ever stores it.
      </p>
      {error && (
        <FormError testId="registries-error">
          <p>
            Could not list the registry logins: {error.message}{' '}
            {error.code && <code className="notice-code">{error.code}</code>}
          </p>
        </FormError>
      )}
      {logins && logins.length > 0 && (
        <DataTable
          className="registry-table"
          testId="registry-table"
          caption="Registry logins"
          columns={['Registry', 'Username', 'Saved']}
        >
          <tbody>
            {logins.map((login) => (
              <tr key={login.registry} data-testid="registry-row" data-registry={login.registry}>
                <th scope="row" className="mono">
                  {login.registry}
                </th>
                <td>{login.username}</td>
                <td className="muted nowrap">{savedOn(login.savedAt)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    data-testid="registry-test"
                    aria-label={`Test the login for ${login.registry}`}
                    disabled={!connected || testing !== null}
                    onClick={() => void test(login)}
                  >
                    {testing === login.registry ? 'Testing…' : 'Test'}
                  </button>
                  <RowDangerButton
                    action="Remove"
                    name={login.registry}
                    testId="registry-remove"
                    onClick={() => setOpen({ dialog: 'remove', login })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {logins && logins.length === 0 && (
        <p className="muted" data-testid="registries-empty">
          No registry logins. Public images need none; add one for private images, or import the logins your Docker
          client already has.
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="registry-add"
          disabled={!connected}
          onClick={() => setOpen({ dialog: 'add' })}
        >
          Add login…
        </button>
        <button
          type="button"
          className="button button-quiet"
          data-testid="registry-import"
          disabled={!connected || importing}
          onClick={() => {
            setImporting(true);
            void importDockerLogins().finally(() => setImporting(false));
          }}
        >
          {importing ? 'Importing…' : 'Import from Docker'}
        </button>
      </div>
      {open?.dialog === 'add' && <AddRegistryDialog onClose={close} />}
      {open?.dialog === 'remove' && (
        <ConfirmDialog
          title={`Remove the login for ${open.login.registry}?`}
          testId="registry-remove-dialog"
          message={
            <>
              The login of <strong>{open.login.username}</strong> for{' '}
              <span className="mono">{open.login.registry}</span> is deleted from the vault. Pulls of private images
              from it fail until you log in again.
            </>
          }
          confirmLabel="Remove login"
          onConfirm={() => removeLogin(open.login)}
          onClose={close}
        />
      )}
    </section>
  );
}
