import { useEffect, useMemo, useState } from 'react';
import { MIGRATION_ROLLBACK_JOB, type MigrationRecord } from '../../../shared/index.js';
import { formatDate } from '../containers/format.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormError } from '../forms/text-field.js';
import { createCoalescedLoader } from '../machines/coalesced-loader.js';
import { noticeFailure, type CoreFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { listMigrations, resumeMigration, rollBackMigration } from './migration-actions.js';
import { MigrationFollow } from './migration-follow.js';
import { MIGRATION_STATE, migrationsRefreshKey, sortMigrations } from './migration-states.js';
import { MIGRATION_STEPS } from './migration-steps.js';
import { openMigrationWizard } from './wizard-store.js';
import { DataTable } from '../views/data-table.js';
import './migrations.css';

const STEP_LABEL = new Map<string, string>([...MIGRATION_STEPS, ...MIGRATION_ROLLBACK_JOB.steps].map((step) => [step.id, step.label]));

/** The journal's migrations, listed again whenever a migration job moves or ends. */
function useMigrations(): { records: MigrationRecord[] | null; failure: CoreFailure | null } {
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const refreshKey = useCrossdock((state) => migrationsRefreshKey(state.jobs));
  const [records, setRecords] = useState<MigrationRecord[] | null>(null);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const reload = useMemo(
    () =>
      createCoalescedLoader(async () => {
        const outcome = await listMigrations();
        if (outcome.ok) {
          setRecords(outcome.value);
          setFailure(null);
        } else {
          setFailure(outcome.failure);
        }
      }),
    [],
  );
  useEffect(() => {
    if (session !== null) void reload();
  }, [session, refreshKey, reload]);
  return { records, failure };
}

type Open = { dialog: 'follow'; record: MigrationRecord; jobId: string } | { dialog: 'resume' | 'rollback'; record: MigrationRecord } | null;

function MigrationRow({ record, onOpen }: { record: MigrationRecord; onOpen: (open: Open) => void }) {
  const state = MIGRATION_STATE[record.state];
  return (
    <tr data-testid="migration-row" data-migration-id={record.id} data-state={record.state} data-source={record.source} data-target={record.target}>
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
        <button type="button" className="button button-small button-quiet" data-testid="migration-details" aria-label={`Details of the migration of ${record.source} to ${record.target}`} onClick={() => onOpen({ dialog: 'follow', record, jobId: record.jobId })}>
          Details
        </button>
        {record.canResume && (
          <button type="button" className="button button-small" data-testid="migration-resume" onClick={() => onOpen({ dialog: 'resume', record })}>
            Resume…
          </button>
        )}
        {record.canRollback && (
          <button type="button" className="button button-small button-danger" data-testid="migration-rollback" onClick={() => onOpen({ dialog: 'rollback', record })}>
            Roll back…
          </button>
        )}
      </td>
    </tr>
  );
}

/**
 * Every migration in the journal, those waiting for a decision first: an interrupted one can be
 * resumed or rolled back, a failed one rolled back again. New migrations start from the wizard.
 */
export function MigrationsView() {
  const { records, failure } = useMigrations();
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const hostCount = useCrossdock((state) => state.hosts.length);
  const [open, setOpen] = useState<Open>(null);
  const close = (): void => setOpen(null);
  const sorted = records ? sortMigrations(records) : null;

  const act = async (record: MigrationRecord, kind: 'resume' | 'rollback'): Promise<void> => {
    const outcome = kind === 'resume' ? await resumeMigration(record.id) : await rollBackMigration(record.id);
    if (!outcome.ok) {
      noticeFailure(kind === 'resume' ? `Could not resume the migration of ${record.source}` : `Could not roll back the migration of ${record.source}`, outcome.failure);
      return;
    }
    // The job is followed in the confirmation's place; its own close then leaves this open.
    setOpen({ dialog: 'follow', record, jobId: outcome.value.id });
  };

  const newButton = (
    <button type="button" className="button" data-testid="migration-new" disabled={!connected || hostCount < 2} title={hostCount < 2 ? 'A migration needs two hosts' : undefined} onClick={() => openMigrationWizard()}>
      New migration…
    </button>
  );

  return (
    <div className="page migrations-page">
      {failure && (
        <FormError testId="migrations-list-error">
          <p>
            Could not list the migrations: {failure.message} {failure.code && <code className="notice-code">{failure.code}</code>}
          </p>
        </FormError>
      )}
      {sorted === null ? (
        !failure && <p className="muted">Reading the migrations journal…</p>
      ) : sorted.length === 0 ? (
        <EmptyState
          view="migrations"
          title="No migrations yet"
          lead="Move a workload with its data from one provider to another: image, configuration and volume contents, without losing a byte."
          abilities={[
            'Stream data straight from the source host to the target; this computer only orchestrates.',
            'Keep downtime short: volumes are copied while the workload runs, then a small final delta.',
            'Stay safe: the source keeps running until the target is up and its data matches a checksum manifest.',
          ]}
          footnote={hostCount < 2 ? 'A migration needs two hosts: add them under Hosts.' : 'Start one here, or with Migrate… on a project in Workloads.'}
          action={newButton}
        />
      ) : (
        <>
          <div className="page-toolbar">
            <p className="page-summary" data-testid="migrations-summary">
              {sorted.length === 1 ? '1 migration' : `${sorted.length} migrations`}
            </p>
            {newButton}
          </div>
          <DataTable className="migrations-table" testId="migrations-table" caption="Migrations" columns={['Source → target', 'State', 'Last step', 'Started']}>
            <tbody>
              {sorted.map((record) => (
                <MigrationRow key={record.id} record={record} onOpen={setOpen} />
              ))}
            </tbody>
          </DataTable>
        </>
      )}
      {open?.dialog === 'follow' && (
        <Dialog title={`Migration of ${open.record.source} to ${open.record.target}`} testId="migration-details-dialog" onClose={close} size="large">
          <div className="dialog-body">
            <MigrationFollow migrationId={open.record.id} jobId={open.jobId} onClose={close} />
          </div>
        </Dialog>
      )}
      {open?.dialog === 'resume' && (
        <ConfirmDialog
          title={`Resume the migration of ${open.record.source}?`}
          testId="migration-resume-dialog"
          tone="normal"
          message={
            <>
              The migration to <strong>{open.record.target}</strong> carries on from its last safe point: the volumes are copied in full again, the delta pass makes the copy exact, and the checksums are verified
              before anything starts on {open.record.target}.
            </>
          }
          confirmLabel="Resume"
          onConfirm={() => act(open.record, 'resume')}
          onClose={() => setOpen((current) => (current?.dialog === 'resume' ? null : current))}
        />
      )}
      {open?.dialog === 'rollback' && (
        <ConfirmDialog
          title={`Roll back the migration of ${open.record.source}?`}
          testId="migration-rollback-dialog"
          message={
            <>
              The source containers start again with their names and restart policies, and everything this migration made on <strong>{open.record.target}</strong> (containers, the volumes and networks it
              created) is removed.
            </>
          }
          confirmLabel="Roll back"
          onConfirm={() => act(open.record, 'rollback')}
          onClose={() => setOpen((current) => (current?.dialog === 'rollback' ? null : current))}
        />
      )}
    </div>
  );
}
