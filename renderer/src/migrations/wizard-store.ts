import { create } from 'zustand';

/** What to move, as the wizard's first step holds it (host by id). */
export interface WizardSource {
  host: string;
  kind: 'container' | 'project';
  name: string;
}

export type WizardOpen = { source: WizardSource | null; key: number } | null;

/**
 * Whether the migration wizard is open, and with what source. It lives above the views (see
 * app.tsx) so a migration started from the Workloads view stays in sight when the user moves
 * to another view; `key` gives each opening a fresh wizard.
 */
export const useMigrationWizard = create<{ open: WizardOpen }>()(() => ({ open: null }));

let openings = 0;

export function openMigrationWizard(source: WizardSource | null = null): void {
  useMigrationWizard.setState({ open: { source, key: ++openings } });
}

export function closeMigrationWizard(): void {
  useMigrationWizard.setState({ open: null });
}
