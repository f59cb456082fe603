import type { JobInfo, MigrationRecord } from '../../../shared/index.js';
import { JobFailure } from '../jobs/job-failure.js';

/** Says how a migration ended when it did not succeed, and what state it left the hosts in. */
export function MigrationFailure({ job, record }: { job: JobInfo | null; record: MigrationRecord | null }) {
  const error = job?.error ?? record?.error ?? null;
  const state = record?.state;
  const after =
    state === 'failed-rolled-back'
      ? 'Rolled back: the source runs as before, and nothing of the migration is left on the target.'
      : state === 'rolling-back'
        ? 'Rolling back: the source is being started again and the target cleaned.'
        : state === 'interrupted'
          ? 'Interrupted: resume it or roll it back from the Migrations list.'
          : state === 'failed'
            ? 'The roll back did not finish either; roll it back again from the Migrations list once both hosts answer.'
            : null;
  return (
    <JobFailure
      testId="migration-error"
      cancelled={job?.state === 'cancelled'}
      error={error}
      cancelledText="The migration was cancelled."
      endedText="The migration ended without finishing."
    >
      {after && <p data-testid="migration-after">{after}</p>}
    </JobFailure>
  );
}
