import { FormError } from '../forms/text-field.js';
import type { ErrorIntent } from '../state/error-intent.js';
import { HostKeyMismatch } from './host-key-mismatch.js';

/** Why the host was not added, shown in the form (a host key to confirm opens its own dialog). */
export function AddHostProblem({ intent }: { intent: ErrorIntent | null }) {
  return (
    <>
      {intent?.kind === 'host-key-changed' && <HostKeyMismatch change={intent} />}
      {intent?.kind === 'message' && (
        <FormError testId="add-host-error">
          <p>{intent.message}</p>
          {intent.hint && <p className="muted">{intent.hint}</p>}
        </FormError>
      )}
      {intent?.kind === 'key-passphrase' && <FormError testId="add-host-error">{intent.message}</FormError>}
    </>
  );
}
