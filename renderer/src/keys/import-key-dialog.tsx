import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { SshKeyInfo } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { Segmented } from '../forms/segmented.js';
import { TextField } from '../forms/text-field.js';
import { errorIntent, type ErrorIntent } from '../state/error-intent.js';
import { useCrossdock } from '../state/store.js';
import { ImportKeyProblem } from './import-key-problem.js';
import { importKey, type KeySource } from './key-actions.js';
import { KeyFileField } from './key-file-field.js';
import { keyFileSizeProblem } from './key-file.js';
import { keyNameFromFile, keyNameProblem, uniqueKeyName } from './key-name.js';

type SourceKind = 'paste' | 'file' | 'path';

const SOURCES: readonly { value: SourceKind; label: string }[] = [
  { value: 'paste', label: 'Paste' },
  { value: 'file', label: 'File' },
  { value: 'path', label: 'Path' },
];

interface ImportKeyDialogProps {
  onClose: () => void;
  onImported?: (key: SshKeyInfo) => void;
  /** Start from a path, e.g. the IdentityFile of an ~/.ssh/config entry. */
  initialPath?: string;
}

/**
 * Imports a private key into the vault from pasted text, a file read in the page, or a path the
 * core reads itself. An encrypted key first fails with KEY_PASSPHRASE_REQUIRED; the dialog then
 * asks for the passphrase and tries again.
 */
export function ImportKeyDialog({ onClose, onImported, initialPath }: ImportKeyDialogProps) {
  const keys = useCrossdock((state) => state.keys);
  const taken = (keys ?? []).map((key) => key.name);
  const [source, setSource] = useState<SourceKind>(initialPath ? 'path' : 'paste');
  const [name, setName] = useState(() => (initialPath ? uniqueKeyName(keyNameFromFile(initialPath), taken) : ''));
  const [text, setText] = useState('');
  const [path, setPath] = useState(initialPath ?? '');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [intent, setIntent] = useState<ErrorIntent | null>(null);
  const passphraseField = useRef<HTMLDivElement>(null);

  const material: KeySource | null =
    source === 'path' ? (path.trim() ? { path: path.trim() } : null) : text.trim() ? { privateKey: text } : null;
  const nameProblem = keyNameProblem(name);

  // In Electron a native open dialog that hands the core a path would be better: the key would
  // never pass through the renderer. The contract has no such call yet, so the page reads the file.
  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    setFileProblem(null);
    if (!file) return;
    const tooLarge = keyFileSizeProblem(file);
    if (tooLarge) {
      setText('');
      return setFileProblem(tooLarge);
    }
    setText(await file.text());
    setFileName(file.name);
    if (name.trim() === '') setName(uniqueKeyName(keyNameFromFile(file.name), taken));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    if (nameProblem || !material) return;
    setBusy(true);
    const outcome = await importKey(name.trim(), material, passphrase ?? undefined);
    setBusy(false);
    if (outcome.ok) {
      onImported?.(outcome.value);
      return onClose();
    }
    if (outcome.failure.silent) return setIntent(null);
    const next = errorIntent(outcome.failure);
    setIntent(next);
    if (next.kind === 'key-passphrase') {
      setPassphrase((current) => current ?? '');
      requestAnimationFrame(() => passphraseField.current?.querySelector('input')?.focus());
    }
  };

  return (
    <Dialog title="Import an SSH key" testId="import-key-dialog" onClose={onClose}>
      <form className="dialog-body" onSubmit={(event) => void submit(event)}>
        <Segmented legend="Private key from" name="key-source" value={source} options={SOURCES} onChange={setSource} />
        {source === 'paste' && (
          <TextField
            label="Private key"
            multiline
            mono
            value={text}
            onChange={setText}
            testId="import-key-text"
            autoFocus
            placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
            error={checked && !material ? 'Paste the private key.' : null}
          />
        )}
        {source === 'file' && (
          <KeyFileField
            fileName={fileName}
            problem={fileProblem ?? (checked && !material ? 'Pick the key file.' : null)}
            onFile={(event) => void onFile(event)}
          />
        )}
        {source === 'path' && (
          <TextField
            label="Path"
            mono
            value={path}
            onChange={setPath}
            testId="import-key-path"
            autoFocus
            placeholder="~/.ssh/id_ed25519"
            hint="A path on the computer that runs the Crossdock core; the core reads the file, so the key never passes through this window."
            error={checked && !material ? 'Give the path of the key file.' : null}
          />
        )}
        <TextField
          label="Name"
          value={name}
          onChange={setName}
          testId="import-key-name"
          error={checked ? nameProblem : null}
          hint="How the key is listed in Crossdock."
        />
        {passphrase !== null && (
          <div ref={passphraseField}>
            <TextField
              label="Key passphrase"
              type="password"
              value={passphrase}
              onChange={setPassphrase}
              testId="import-key-passphrase"
              hint="The passphrase that protects this key file (not the vault passphrase)."
            />
          </div>
        )}
        <ImportKeyProblem intent={intent} />
        <FormActions onCancel={onClose} label="Import" testId="import-key-submit" busy={busy} busyLabel="Importing…" />
      </form>
    </Dialog>
  );
}
