import { useState, type ChangeEvent } from 'react';
import { Segmented } from '../forms/segmented.js';
import { TextField } from '../forms/text-field.js';
import type { CredentialFieldsProps } from './credential-fields.js';

/** A service-account key is a few KB; the contract takes at most 64 KB. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** A Google Cloud service-account key, pasted or read from its JSON file (kept in this dialog only). */
export function GcpKeyFields({
  form,
  problems,
  update,
  onProblem,
}: CredentialFieldsProps & { onProblem: (message: string) => void }) {
  const [keySource, setKeySource] = useState<'paste' | 'file'>('paste');
  const [fileNote, setFileNote] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) {
      update({ serviceAccountJson: '' });
      setFileNote(null);
      onProblem(
        `${file.name} is ${Math.round(file.size / 1024)} KiB; a service-account key is a few KiB. Pick the JSON key file.`,
      );
      return;
    }
    update({ serviceAccountJson: await file.text() });
    setFileNote(`Read ${file.name}.`);
  };

  return (
    <>
      <Segmented
        legend="Service-account key"
        name="gcp-key-source"
        value={keySource}
        options={[
          { value: 'paste', label: 'Paste' },
          { value: 'file', label: 'File' },
        ]}
        onChange={setKeySource}
      />
      {keySource === 'paste' ? (
        <TextField
          label="Key (JSON)"
          multiline
          mono
          value={form.serviceAccountJson}
          onChange={(serviceAccountJson) => update({ serviceAccountJson })}
          testId="add-provider-service-account"
          error={problems.serviceAccountJson}
          placeholder='{"type": "service_account", …}'
        />
      ) : (
        <div className="form-field">
          <label className="form-label" htmlFor="add-provider-key-file">
            Key file
          </label>
          <input
            id="add-provider-key-file"
            type="file"
            accept="application/json,.json"
            className="file-input"
            data-testid="add-provider-key-file"
            onChange={(event) => void onFile(event)}
          />
          <p className="form-hint">
            {fileNote ?? 'The JSON key of a service account allowed to use Compute Engine (Keys → Add key → JSON).'}
          </p>
          {problems.serviceAccountJson && <p className="form-error">{problems.serviceAccountJson}</p>}
        </div>
      )}
    </>
  );
}
