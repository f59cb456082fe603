import { MigrationWizard } from './migration-wizard.js';
import { closeMigrationWizard, useMigrationWizard } from './wizard-store.js';

/** Shows the migration wizard wherever it was opened from (see wizard-store.ts). */
export function MigrationWizardHost() {
  const open = useMigrationWizard((state) => state.open);
  if (!open) return null;
  return <MigrationWizard key={open.key} initial={open.source} onClose={closeMigrationWizard} />;
}
