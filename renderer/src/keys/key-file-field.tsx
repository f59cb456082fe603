import type { ChangeEvent } from 'react';

interface KeyFileFieldProps {
  /** The file read so far, if any. */
  fileName: string | null;
  /** Why the file cannot be used, or that one is still needed. */
  problem: string | null;
  onFile: (event: ChangeEvent<HTMLInputElement>) => void;
}

/** Picks a private key file for the page to read. */
export function KeyFileField({ fileName, problem, onFile }: KeyFileFieldProps) {
  return (
    <div className="form-field">
      <label className="form-label" htmlFor="import-key-file">
        Key file
      </label>
      <input id="import-key-file" type="file" className="file-input" data-testid="import-key-file" onChange={onFile} />
      <p className="form-hint">
        {fileName ? `Read ${fileName}.` : 'For example ~/.ssh/id_ed25519 — the file without “.pub”.'}
      </p>
      {problem && <p className="form-error">{problem}</p>}
    </div>
  );
}
