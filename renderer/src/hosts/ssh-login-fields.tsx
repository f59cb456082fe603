import { TextField } from '../forms/text-field.js';
import { keysLive } from '../keys/key-actions.js';
import { requestVaultAccess } from '../vault/vault-prompt-store.js';
import { splitAddress, type AddHostForm, type FormProblems } from './add-host-form.js';
import { KeyPicker } from './key-picker.js';

interface Props {
  form: AddHostForm;
  problems: FormProblems;
  update: (changes: Partial<AddHostForm>) => void;
  /** An identity file ~/.ssh/config names that no stored key matches, and the alias that names it. */
  unmatchedIdentity: string | null;
  alias: string | undefined;
  onGenerate: () => void;
  onImport: (path?: string) => void;
}

/** Where and as whom to log in over SSH: address, port, user and key. */
export function SshLoginFields({ form, problems, update, unmatchedIdentity, alias, onGenerate, onImport }: Props) {
  return (
    <>
      <div className="form-row">
        <TextField
          label="Address"
          mono
          value={form.address}
          onChange={(text) => {
            // Pasting `user@host:port` fills the three fields at once.
            const split = splitAddress(text);
            update(text.includes('@') || /\]:\d+$|^[^:]+:\d+$/.test(text.trim()) ? split : { address: text });
          }}
          testId="add-host-address"
          placeholder="203.0.113.10 or server.example.com"
          error={problems.address}
        />
        <TextField
          label="Port"
          mono
          inputMode="numeric"
          value={form.port}
          onChange={(port) => update({ port })}
          testId="add-host-port"
          error={problems.port}
        />
      </div>
      <TextField
        label="User"
        mono
        value={form.user}
        onChange={(user) => update({ user })}
        testId="add-host-user"
        error={problems.user}
      />
      <KeyPicker
        value={form.keyId}
        onChange={(keyId) => update({ keyId })}
        onGenerate={onGenerate}
        onImport={() => onImport()}
        onUnlock={() => void requestVaultAccess(null).then((open) => (open ? keysLive.load() : undefined))}
        error={problems.keyId}
      />
      {unmatchedIdentity && (
        <p className="form-hint" data-testid="identity-file-hint">
          ~/.ssh/config logs in to {alias} with <code>{unmatchedIdentity}</code>.{' '}
          <button type="button" className="link-button" onClick={() => onImport(unmatchedIdentity)}>
            Import that key
          </button>
        </p>
      )}
    </>
  );
}
