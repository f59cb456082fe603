import { useState } from 'react';
import type { MigrationProgress, MigrationRecord } from '../../../shared/index.js';
import type { CrossdockClient } from '../api/connect.js';
import { useCrossdock } from '../state/store.js';
import { useLive, useLiveValue } from '../state/use-live.js';
import { applyProgress, type ProgressByStep } from './migration-steps.js';

interface LiveProgress {
  progress: ProgressByStep;
  last: MigrationProgress | null;
}

/**
 * A migration's journal record, fetched again whenever its job moves to another step or ends
 * (the journal holds each step's times and details), and its live transfer figures from
 * `migrations.progress` events. Nothing is polled.
 */
export function useMigrationRecord(
  migrationId: string,
  jobId: string,
): { record: MigrationRecord | null; progress: ProgressByStep; last: MigrationProgress | null } {
  const jobMoment = useCrossdock((state) => {
    const job = state.jobs.find((j) => j.id === jobId);
    return job ? `${job.state}:${job.step ?? ''}` : '';
  });
  // The journal file appears with the job's first step; until then there is nothing to show.
  const loaded = useLiveValue(migrationId, (api) => api.migrations.get({ id: migrationId }), { refreshKey: jobMoment });
  const [live, setLive] = useState<LiveProgress>({ progress: {}, last: null });
  // The figures are events only: nothing to load, just followed while the view is shown.
  useLive(null, {
    follow: (client: CrossdockClient) => {
      const subscription = client.subscribe('migrations.progress', (event) => {
        if (event.migrationId === migrationId)
          setLive((current) => ({ progress: applyProgress(current.progress, event), last: event }));
      });
      return () => subscription.unsubscribe();
    },
    followKey: migrationId,
  });
  return { record: loaded?.status === 'ready' ? loaded.value : null, progress: live.progress, last: live.last };
}
