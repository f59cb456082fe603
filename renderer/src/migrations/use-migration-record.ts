import { useEffect, useState } from 'react';
import type { MigrationProgress, MigrationRecord } from '../../../shared/index.js';
import { currentClient } from '../state/session.js';
import { useCrossdock } from '../state/store.js';
import { getMigration } from './migration-actions.js';
import { applyProgress, type ProgressByStep } from './migration-steps.js';

/**
 * A migration's journal record, fetched again whenever its job moves to another step or ends
 * (the journal holds each step's times and details), and its live transfer figures from
 * `migrations.progress` events. Nothing is polled.
 */
export function useMigrationRecord(migrationId: string, jobId: string): { record: MigrationRecord | null; progress: ProgressByStep; last: MigrationProgress | null } {
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const jobMoment = useCrossdock((state) => {
    const job = state.jobs.find((j) => j.id === jobId);
    return job ? `${job.state}:${job.step ?? ''}` : '';
  });
  const [record, setRecord] = useState<MigrationRecord | null>(null);
  const [live, setLive] = useState<{ progress: ProgressByStep; last: MigrationProgress | null }>({ progress: {}, last: null });

  useEffect(() => {
    if (session === null) return;
    let current = true;
    void getMigration(migrationId).then((outcome) => {
      // The journal file appears with the job's first step; until then there is nothing to show.
      if (current && outcome.ok) setRecord(outcome.value);
    });
    return () => {
      current = false;
    };
  }, [migrationId, session, jobMoment]);

  useEffect(() => {
    const client = session === null ? null : currentClient();
    if (!client) return;
    const subscription = client.subscribe('migrations.progress', (event) => {
      if (event.migrationId === migrationId) setLive((current) => ({ progress: applyProgress(current.progress, event), last: event }));
    });
    return () => subscription.unsubscribe();
  }, [migrationId, session]);

  return { record, progress: live.progress, last: live.last };
}
