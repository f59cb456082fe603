import type { SshKeyInfo } from '../../../shared/index.js';
import { GenerateKeyDialog } from '../keys/generate-key-dialog.js';
import { ImportKeyDialog } from '../keys/import-key-dialog.js';

/** A key dialog opened from the add-host form: generate a key, or import one (maybe from a path). */
export type Extra = { dialog: 'generate' } | { dialog: 'import'; path?: string } | null;

interface NewKeyDialogProps {
  extra: Extra;
  onClose: () => void;
  /** The key made or imported, for the form to select. */
  onKey: (key: SshKeyInfo) => void;
}

/** Generates or imports a key for the host being added, over the add-host dialog. */
export function NewKeyDialog({ extra, onClose, onKey }: NewKeyDialogProps) {
  return (
    <>
      {extra?.dialog === 'generate' && <GenerateKeyDialog onClose={onClose} onGenerated={onKey} />}
      {extra?.dialog === 'import' && (
        <ImportKeyDialog onClose={onClose} onImported={onKey} {...(extra.path ? { initialPath: extra.path } : {})} />
      )}
    </>
  );
}
