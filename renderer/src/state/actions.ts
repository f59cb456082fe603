import type { ThemePreference } from '../../../shared/index.js';
import { perform } from './core-call.js';
import { refreshJobs } from './session.js';
import { applyJob, applyLogLines, setSettings, useCrossdock } from './store.js';

/**
 * What the user can ask the core to do from the shell. Each action goes through `perform` (the
 * one path to the core, which asks for the vault passphrase when it is locked), turns a failure
 * into a notice and resolves to undefined, so nothing is ever thrown at React.
 */

export async function cancelJob(id: string): Promise<void> {
  const job = await perform('Could not cancel the job', (api) => api.jobs.cancel({ id }));
  if (job) applyJob(job);
}

export async function clearFinishedJobs(): Promise<void> {
  const removed = await perform('Could not clear finished jobs', (api) => api.jobs.clearFinished({}));
  if (removed === undefined) return;
  // There is no event for removed jobs, so the list is fetched again.
  await refreshJobs();
}

/** Fetches a job's log backlog; live lines keep arriving as events and merge by seq. */
export async function loadJobLog(id: string): Promise<void> {
  const lines = await perform('Could not load the job log', (api) => api.jobs.logs({ id }));
  if (lines) applyLogLines(id, lines);
}

/** Applies the theme at once and persists it; a failed save puts the previous theme back. */
export async function chooseTheme(theme: ThemePreference): Promise<void> {
  const previous = useCrossdock.getState().settings;
  // The store drives <html data-theme> (see main.tsx), so this shows the choice at once.
  setSettings({ ...previous, theme });
  const saved = await perform('Could not save the theme', (api) => api.system.updateSettings({ theme }));
  if (saved) {
    setSettings(saved);
  } else if (previous) {
    setSettings(previous);
  }
}
