import { MIGRATION_ROLLBACK_JOB, type MigrationRecord } from '../../../shared/index.js';
import { formatDate } from '../containers/format.js';
import { MIGRATION_STATE } from './migration-states.js';
import { MIGRATION_STEPS } from './migration-steps.js';

const STEP_LABEL = new Map<string, string>(
  [...MIGRATION_STEPS, ...MIGRATION_ROLLBACK_JOB.steps].map((step) => [step.id, step.label]),
);

/** What the migrations view opens over itself: a migration's details, or a resume or roll-back to confirm. */
export type OpenMigration =
  | { dialog: 'follow'; record: MigrationRecord; jobId: string }
  | { dialog: 'resume' | 'rollback'; record: MigrationRecord }
  | null;

/** One migration of the journal, with what can be done with it now. */
export function MigrationRow({ record, onOpen }: { record: MigrationRecord; onOpen: (open: OpenMigration) => void }) {
  const state = MIGRATION_STATE[record.state];
  return (
    <tr
      data-testid="migration-row"
      data-migration-id={record.id}
      data-state={record.state}
      data-source={record.source}
      data-target={record.target}
    >
      <th scope="row">
        <span className="mono">{record.source}</span>
        <span className="migration-arrow" aria-label="to">
          {' → '}
        </span>
        {record.target}
      </th>
      <td>
        <span className="status-pill" data-tone={state.tone} data-testid="migration-state">
          <span className="status-dot" aria-hidden="true" />
          {state.label}
        </span>
        {record.error && record.state !== 'completed' && <span className="migration-sub">{record.error.message}</span>}
      </td>
      <td>{record.step ? (STEP_LABEL.get(record.step) ?? record.step) : '—'}</td>
      <td className="nowrap">{formatDate(record.createdAt)}</td>
      <td className="row-actions">
        <button
          type="button"
          className="button button-small button-quiet"
          data-testid="migration-details"
          aria-label={`Details of the migration of ${record.source} to ${record.target}`}
          onClick={() => onOpen({ dialog: 'follow', record, jobId: record.jobId })}
        >
          Details
        </button>
        {record.canResume && (
          <button
            type="button"
            className="button button-small"
            data-testid="migration-resume"
            onClick={() => onOpen({ dialog: 'resume', record })}
          >
            Resume…
          </button>
        )}
        {record.canRollback && (
          <button
            type="button"
            className="button button-small button-danger"
            data-testid="migration-rollback"
            onClick={() => onOpen({ dialog: 'rollback', record })}
          >
            Roll back…
          </button>
        )}
      </td>
    </tr>
  );
}
