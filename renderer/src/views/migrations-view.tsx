import { EmptyState } from './empty-state.js';

export function MigrationsView() {
  return (
    <EmptyState
      view="migrations"
      title="No migrations yet"
      lead="Move a workload with its data from one provider to another: image, configuration and volume contents, without losing a byte."
      abilities={[
        'Stream data straight from the source host to the target; this computer only orchestrates.',
        'Keep downtime short: volumes are copied while the workload runs, then a small final delta.',
        'Stay safe: the source keeps running until the target is up and its data matches a checksum manifest.',
      ]}
    />
  );
}
