import { useState } from 'react';
import { counted, type MigrationRecord } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormError } from '../forms/text-field.js';
import { noticeFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { DataTable } from '../views/data-table.js';
import { resumeMigration, rollBackMigration } from './migration-actions.js';
import { MigrationDecisions } from './migration-decisions.js';
import { MigrationFollow } from './migration-follow.js';
import { MigrationRow, type OpenMigration } from './migration-row.js';
import { sortMigrations } from './migration-states.js';
import { useMigrations } from './use-migrations.js';
import { openMigrationWizard } from './wizard-store.js';
import './migrations.css';

/**
 * Every migration in the journal, those waiting for a decision first: an interrupted one can be
 * resumed or rolled back, a failed one rolled back again. New migrations start from the wizard.
 */
export function MigrationsView() {
  const { records, failure } = useMigrations();
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const hostCount = useCrossdock((state) => state.hosts.length);
  const [open, setOpen] = useState<OpenMigration>(null);
  const close = (): void => setOpen(null);
  const sorted = records ? sortMigrations(records) : null;

  const act = async (record: MigrationRecord, kind: 'resume' | 'rollback'): Promise<void> => {
    const outcome = kind === 'resume' ? await resumeMigration(record.id) : await rollBackMigration(record.id);
    if (!outcome.ok) {
      noticeFailure(
        kind === 'resume'
          ? `Could not resume the migration of ${record.source}`
          : `Could not roll back the migration of ${record.source}`,
        outcome.failure,
      );
      return;
    }
    // The job is followed in the confirmation's place; its own close then leaves this open.
    setOpen({ dialog: 'follow', record, jobId: outcome.value.id });
  };

  const newButton = (
    <button
      type="button"
      className="button"
      data-testid="migration-new"
      disabled={!connected || hostCount < 2}
      title={hostCount < 2 ? 'A migration needs two hosts' : undefined}
      onClick={() => openMigrationWizard()}
    >
      New migration…
    </button>
  );

  return (
    <div className="page migrations-page">
      {failure && (
        <FormError testId="migrations-list-error">
          <p>
            Could not list the migrations: {failure.message}{' '}
            {failure.code && <code className="notice-code">{failure.code}</code>}
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
          footnote={
            hostCount < 2
              ? 'A migration needs two hosts: add them under Hosts.'
              : 'Start one here, or with Migrate… on a project in Workloads.'
          }
          action={newButton}
        />
      ) : (
        <>
          <div className="page-toolbar">
            <p className="page-summary" data-testid="migrations-summary">
              {counted(sorted.length, 'migration')}
            </p>
            {newButton}
          </div>
          <DataTable
            className="migrations-table"
            testId="migrations-table"
            caption="Migrations"
            columns={['Source → target', 'State', 'Last step', 'Started']}
          >
            <tbody>
              {sorted.map((record) => (
                <MigrationRow key={record.id} record={record} onOpen={setOpen} />
              ))}
            </tbody>
          </DataTable>
        </>
      )}
      {open?.dialog === 'follow' && (
        <Dialog
          title={`Migration of ${open.record.source} to ${open.record.target}`}
          testId="migration-details-dialog"
          onClose={close}
          size="large"
        >
          <div className="dialog-body">
            <MigrationFollow migrationId={open.record.id} jobId={open.jobId} onClose={close} />
          </div>
        </Dialog>
      )}
      <MigrationDecisions open={open} setOpen={setOpen} act={act} />
    </div>
  );
}
