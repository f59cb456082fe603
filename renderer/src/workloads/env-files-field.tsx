import { useId, useRef, type ChangeEvent } from 'react';
import type { ComposeSummary } from '../../../shared/index.js';
import { addPicked, type PickedFile } from './deploy-form.js';
import { readPicked } from './read-picked.js';

/** The env files and .env sent with the compose file, and those it names that are still missing. */
export function EnvFilesField({
  files,
  summary,
  onChange,
}: {
  files: PickedFile[];
  summary: ComposeSummary | null;
  onChange: (files: PickedFile[]) => void;
}) {
  const filesPicker = useRef<HTMLInputElement>(null);
  const ids = { files: useId() };
  const addFiles = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const picked = await readPicked(event.target.files);
    event.target.value = '';
    if (picked.length > 0) onChange(addPicked(files, picked));
  };
  return (
    <div className="form-field">
      <div className="compose-label-row">
        <span className="form-label" id={ids.files}>
          Env files and .env
        </span>
        <button
          type="button"
          className="button button-small button-quiet"
          data-testid="deploy-add-files"
          onClick={() => filesPicker.current?.click()}
        >
          Add files…
        </button>
        <input
          ref={filesPicker}
          type="file"
          multiple
          hidden
          data-testid="deploy-env-files"
          onChange={(event) => void addFiles(event)}
        />
      </div>
      <ul className="picked-files" aria-labelledby={ids.files} data-testid="deploy-picked-files">
        {files.map((file) => (
          <li key={file.name}>
            <span className="mono">{file.name}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${file.name}`}
              title={`Remove ${file.name}`}
              onClick={() => onChange(files.filter((f) => f.name !== file.name))}
            >
              <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" />
              </svg>
            </button>
          </li>
        ))}
        {summary?.envFiles
          .filter((envFile) => !envFile.provided)
          .map((envFile) => (
            <li key={`missing:${envFile.path}`} className={envFile.required ? 'form-error' : 'muted'}>
              <span className="mono">{envFile.path}</span>{' '}
              {envFile.required ? 'is needed: add it' : 'is optional and not given'}
            </li>
          ))}
      </ul>
      {files.length === 0 && !summary?.envFiles.length && (
        <p className="form-hint">
          The files the compose file’s env_file names, and a .env for ${'{'}VARIABLES{'}'}.
        </p>
      )}
    </div>
  );
}
