import type { ClientApi, CrossdockApi, ThemePreference } from '../../../shared/index.js';
import { describeError } from './describe-error.js';
import { currentClient, refreshJobs } from './session.js';
import { applyJob, applyLogLines, pushNotice, setSettings, useCrossdock } from './store.js';

/**
 * What the user can ask the core to do. Each action turns a failure into a notice with the
 * error's message and code and resolves to undefined, so components never handle errors and
 * nothing is ever thrown at React.
 */
async function callCore<T>(failureTitle: string, run: (api: ClientApi<CrossdockApi>) => Promise<T>): Promise<T | undefined> {
  const client = currentClient();
  if (!client) {
    pushNotice({ tone: 'error', title: failureTitle, message: 'Not connected to the Crossdock core. Waiting for the connection to come back.', code: 'DISCONNECTED' });
    return undefined;
  }
  try {
    return await run(client.api);
  } catch (error) {
    pushNotice({ tone: 'error', title: failureTitle, ...describeError(error) });
    return undefined;
  }
}

export async function cancelJob(id: string): Promise<void> {
  const job = await callCore('Could not cancel the job', (api) => api.jobs.cancel({ id }));
  if (job) applyJob(job);
}

export async function clearFinishedJobs(): Promise<void> {
  const removed = await callCore('Could not clear finished jobs', (api) => api.jobs.clearFinished({}));
  if (removed === undefined) return;
  // There is no event for removed jobs, so the list is fetched again.
  await refreshJobs();
}

/** Fetches a job's log backlog; live lines keep arriving as events and merge by seq. */
export async function loadJobLog(id: string): Promise<void> {
  const lines = await callCore('Could not load the job log', (api) => api.jobs.logs({ id }));
  if (lines) applyLogLines(id, lines);
}

/** Applies the theme at once and persists it; a failed save puts the previous theme back. */
export async function chooseTheme(theme: ThemePreference): Promise<void> {
  const previous = useCrossdock.getState().settings;
  // The store drives <html data-theme> (see main.tsx), so this shows the choice at once.
  setSettings({ ...previous, theme });
  const saved = await callCore('Could not save the theme', (api) => api.system.updateSettings({ theme }));
  if (saved) {
    setSettings(saved);
  } else if (previous) {
    setSettings(previous);
  }
}
