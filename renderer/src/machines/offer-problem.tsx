import type { CoreFailure } from '../state/core-call.js';

/** Why a provider's regions or sizes could not be shown. */
export function OfferProblem({ what, failure }: { what: string; failure: CoreFailure }) {
  if (failure.silent) return <p className="form-error">The vault is locked; {what} need the provider’s credentials.</p>;
  return (
    <p className="form-error" data-testid="create-machine-offer-error">
      Could not load {what}: {failure.message} {failure.code && <code className="notice-code">{failure.code}</code>}
    </p>
  );
}
