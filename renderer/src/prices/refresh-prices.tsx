import { useState } from 'react';
import { jobResult, jobStepText } from '../../../shared/index.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { JobProgress } from '../jobs/job-progress.js';
import { useJob } from '../jobs/use-job.js';
import { cancelJob } from '../state/actions.js';
import { attempt, type CoreFailure } from '../state/core-call.js';
import { applyJob, showJobLog, useCrossdock } from '../state/store.js';
import { requestVaultAccess } from '../vault/vault-prompt-store.js';
import { runningPricesRefresh } from './prices-jobs.js';

/**
 * "Refresh prices": starts `prices.refresh` (the providers' price APIs, read with the accounts'
 * credentials from the vault) and follows whichever refresh runs, with its progress and Cancel;
 * afterwards it says what was fetched, and where some account could not be priced, opens the log.
 */
export function RefreshPrices() {
  const running = useCrossdock((state) => runningPricesRefresh(state.jobs));
  const vault = useCrossdock((state) => state.vault);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const [lastId, setLastId] = useState<string | null>(null);
  const last = useJob(lastId);

  const start = async (): Promise<void> => {
    setFailure(null);
    // The job reads every account's credentials: open the vault first rather than fail per account.
    if (vault && !vault.unlocked && !(await requestVaultAccess(vault.initialized))) return;
    setBusy(true);
    const outcome = await attempt((api) => api.prices.refresh({}));
    setBusy(false);
    if (!outcome.ok) return setFailure(outcome.failure.silent ? null : outcome.failure);
    applyJob(outcome.value);
    setLastId(outcome.value.id);
  };

  if (running) {
    return (
      <div className="refresh-prices" data-testid="prices-refresh" data-state="running">
        <div className="refresh-prices-progress">
          <JobProgress job={running} />
          <p className="muted refresh-prices-step" data-testid="prices-refresh-step">
            {jobStepText(running) ?? 'Starting…'}
          </p>
        </div>
        {running.cancellable && (
          <button
            type="button"
            className="button button-quiet"
            data-testid="prices-refresh-cancel"
            onClick={() => void cancelJob(running.id)}
          >
            Cancel
          </button>
        )}
      </div>
    );
  }

  const result = jobResult(last, 'prices-refresh');
  return (
    <div className="refresh-prices" data-testid="prices-refresh" data-state={last?.state ?? 'idle'}>
      {last && last.state !== 'running' && (
        <p className="muted" data-testid="prices-refresh-outcome" role="status">
          {last.state === 'succeeded' && result ? (
            <>
              Fetched {result.regions} price {result.regions === 1 ? 'list' : 'lists'}
              {result.missing > 0 && (
                <>
                  ; {result.missing} could not be fetched.{' '}
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => showJobLog(last.id)}
                  >
                    See why
                  </button>
                </>
              )}
            </>
          ) : last.state === 'cancelled' ? (
            'Refresh cancelled: the prices shown are the ones fetched before.'
          ) : (
            <>Refresh failed: {last.error?.message ?? 'see the log'}.</>
          )}
        </p>
      )}
      <button
        type="button"
        className="button"
        data-testid="prices-refresh-start"
        disabled={busy}
        onClick={() => void start()}
      >
        {busy ? 'Starting…' : 'Refresh prices'}
      </button>
      {failure && <FailureAlert failure={failure} testId="prices-refresh-error" />}
    </div>
  );
}
