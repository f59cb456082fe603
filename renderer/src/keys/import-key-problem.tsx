import { FormError } from '../forms/text-field.js';
import type { ErrorIntent } from '../state/error-intent.js';

/** Why the last import failed: a passphrase is needed, or a message with its hint. */
export function ImportKeyProblem({ intent }: { intent: ErrorIntent | null }) {
  return (
    <>
      {intent?.kind === 'key-passphrase' && (
        <p className="form-hint" data-testid="import-key-needs-passphrase">
          {intent.message}
        </p>
      )}
      {intent?.kind === 'message' && (
        <FormError testId="import-key-error">
          <p>{intent.message}</p>
          {intent.hint && <p className="muted">{intent.hint}</p>}
        </FormError>
      )}
    </>
  );
}
