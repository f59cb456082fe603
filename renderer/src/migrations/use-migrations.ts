import type { MigrationRecord } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { useViewLive } from '../state/use-live.js';
import { migrationsRefreshKey } from './migration-states.js';

/**
 * The journal's migrations, kept live: listed again whenever a migration job moves or ends. A
 * failed listing is shown beside what the last one answered.
 */
export function useMigrations(): { records: MigrationRecord[] | null; failure: CoreFailure | null } {
  const refreshKey = useCrossdock((state) => migrationsRefreshKey(state.jobs));
  const { state } = useViewLive<MigrationRecord[], MigrationRecord[]>(
    'migrations',
    () => ({ fetch: (api) => api.migrations.list({}), entries: (records) => new Map([['', records]]) }),
    { refreshKey },
  );
  return { records: state.entries?.['']?.value ?? null, failure: state.failure };
}
