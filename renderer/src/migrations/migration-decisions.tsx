import type { Dispatch, SetStateAction } from 'react';
import type { MigrationRecord } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import type { OpenMigration } from './migration-row.js';

interface Props {
  open: OpenMigration;
  setOpen: Dispatch<SetStateAction<OpenMigration>>;
  act: (record: MigrationRecord, kind: 'resume' | 'rollback') => Promise<void>;
}

/** The confirmations before resuming or rolling back a migration, saying what each will do. */
export function MigrationDecisions({ open, setOpen, act }: Props) {
  return (
    <>
      {open?.dialog === 'resume' && (
        <ConfirmDialog
          title={`Resume the migration of ${open.record.source}?`}
          testId="migration-resume-dialog"
          tone="normal"
          message={
            <>
              The migration to <strong>{open.record.target}</strong> carries on from its last safe point: the volumes
              are copied in full again, the delta pass makes the copy exact, and the checksums are verified before
              anything starts on {open.record.target}.
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
              The source containers start again with their names and restart policies, and everything this migration
              made on <strong>{open.record.target}</strong> (containers, the volumes and networks it created) is
              removed.
            </>
          }
          confirmLabel="Roll back"
          onConfirm={() => act(open.record, 'rollback')}
          onClose={() => setOpen((current) => (current?.dialog === 'rollback' ? null : current))}
        />
      )}
    </>
  );
}
