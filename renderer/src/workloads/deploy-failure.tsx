import { FormError } from '../forms/text-field.js';
import type { CoreFailure } from '../state/core-call.js';

/** Why the deploy could not start; a compose file the core refused lists each of its problems. */
export function DeployFailure({ failure }: { failure: CoreFailure }) {
  const issues = Array.isArray(failure.details.issues)
    ? failure.details.issues.filter((issue): issue is string => typeof issue === 'string')
    : [];
  return (
    <FormError testId="deploy-error">
      <p>
        {issues.length > 0 ? 'The compose file has problems:' : failure.message}{' '}
        {failure.code && <code className="notice-code">{failure.code}</code>}
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
    </FormError>
  );
}
