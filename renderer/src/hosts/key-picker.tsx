import { useId } from 'react';
import { useCrossdock } from '../state/store.js';
import { shortFingerprint } from './host-status.js';

interface KeyPickerProps {
  value: string;
  onChange: (keyId: string) => void;
  onGenerate: () => void;
  onImport: () => void;
  onUnlock: () => void;
  error?: string | undefined;
}

/** Which vault key logs in to the host, with shortcuts for when the right one is not there yet. */
export function KeyPicker({ value, onChange, onGenerate, onImport, onUnlock, error }: KeyPickerProps) {
  const id = useId();
  const keys = useCrossdock((state) => state.keys);
  const vault = useCrossdock((state) => state.vault);
  const locked = keys === null && vault?.initialized !== false;
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-label">
        SSH key
      </label>
      <div className="key-picker">
        <select
          id={id}
          className="input"
          value={value}
          data-testid="add-host-key"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">
            {keys === null
              ? locked
                ? 'Vault locked'
                : 'No keys yet'
              : keys.length === 0
                ? 'No keys yet'
                : 'Choose a key…'}
          </option>
          {keys?.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} · {key.type.replace(/^ssh-/, '')} · {shortFingerprint(key.fingerprint, 10)}
            </option>
          ))}
        </select>
        {locked ? (
          <button type="button" className="button button-quiet" data-testid="add-host-unlock" onClick={onUnlock}>
            Unlock vault
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button-quiet"
              data-testid="add-host-generate-key"
              onClick={onGenerate}
            >
              Generate new key
            </button>
            <button type="button" className="button button-quiet" onClick={onImport}>
              Import…
            </button>
          </>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
