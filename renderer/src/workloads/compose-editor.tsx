import { useId, useRef, type ChangeEvent } from 'react';
import type { ComposeIssue } from '../../../shared/index.js';
import { ComposeIssues, ComposePreview } from './compose-issues.js';
import { lineRange } from './deploy-form.js';
import { readPicked } from './read-picked.js';
import type { ComposeExample } from './compose-example.js';
import type { ComposeCheck } from './use-compose-validation.js';

/** Puts the cursor on a line of the textarea and scrolls it into view. */
function jumpToLine(textarea: HTMLTextAreaElement | null, issue: ComposeIssue): void {
  if (!textarea || issue.line === null) return;
  const range = lineRange(textarea.value, issue.line, issue.column);
  if (!range) return;
  textarea.focus();
  textarea.setSelectionRange(range.start, range.end);
  const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  textarea.scrollTop = Math.max(0, (issue.line - 3) * lineHeight);
}

interface Props {
  compose: string;
  onChange: (compose: string) => void;
  /** The name of the file opened, if one was. */
  configFile: string | undefined;
  onOpen: (name: string, text: string) => void;
  check: ComposeCheck;
  problem: string | undefined;
  errors: number;
  /** Shown while the file is empty: an example the chosen host can run. */
  example: ComposeExample;
  hostName: string | undefined;
}

/** The compose file: typed, pasted or opened, checked by the core as it changes, each problem with its line. */
export function ComposeEditor({
  compose,
  onChange,
  configFile,
  onOpen,
  check,
  problem,
  errors,
  example,
  hostName,
}: Props) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const composePicker = useRef<HTMLInputElement>(null);
  const ids = { compose: useId(), composeHint: useId() };
  const openCompose = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const [picked] = await readPicked(event.target.files);
    event.target.value = '';
    if (picked) onOpen(picked.name, picked.text);
  };
  return (
    <div className="form-field">
      <div className="compose-label-row">
        <label className="form-label" htmlFor={ids.compose}>
          Compose file{configFile ? <span className="muted"> — {configFile}</span> : null}
        </label>
        <button
          type="button"
          className="button button-small button-quiet"
          data-testid="deploy-open-compose"
          onClick={() => composePicker.current?.click()}
        >
          Open file…
        </button>
        <input
          ref={composePicker}
          type="file"
          accept=".yml,.yaml,application/yaml,text/yaml"
          hidden
          data-testid="deploy-compose-file"
          onChange={(event) => void openCompose(event)}
        />
      </div>
      <textarea
        id={ids.compose}
        ref={textarea}
        className="input mono compose-text"
        rows={14}
        spellCheck={false}
        value={compose}
        data-testid="deploy-compose"
        aria-invalid={problem || errors > 0 ? true : undefined}
        aria-describedby={ids.composeHint}
        placeholder={example.text}
        data-example-image={example.image}
        onChange={(event) => onChange(event.target.value)}
      />
      {compose === '' && (
        <p className="form-hint" data-testid="deploy-example-note">
          {example.pulled
            ? `The example uses ${example.image}, which ${hostName ?? 'the host'} does not have yet: deploying it pulls the image first.`
            : `The example uses ${example.image}, which ${hostName ?? 'the host'} already has.`}
        </p>
      )}
      <p id={ids.composeHint} className="form-hint" aria-live="polite" data-testid="deploy-check-state">
        {problem ??
          (check.checking
            ? 'Checking…'
            : check.failure
              ? `Could not check the file: ${check.failure.message}`
              : check.validation
                ? check.validation.valid
                  ? 'The file is valid.'
                  : 'The file has problems; they are listed below.'
                : 'Checked as you type; nothing is sent to a host until you deploy.')}
      </p>
      {check.validation && (
        <ComposeIssues issues={check.validation.issues} onJump={(issue) => jumpToLine(textarea.current, issue)} />
      )}
      {check.validation && <ComposePreview validation={check.validation} />}
    </div>
  );
}
