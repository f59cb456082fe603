import { EmptyState } from './empty-state.js';

export function CompareView() {
  return (
    <EmptyState
      view="compare"
      title="Nothing to compare yet"
      lead="Sizes and prices side by side across providers, so you can choose where a workload should run before you create a machine."
      abilities={[
        'Compare CPU, memory, disk and hourly or monthly price across AWS EC2, Google Compute Engine and your own servers.',
        'Filter by region and by the resources a workload needs.',
        'Create a machine straight from the row you pick.',
      ]}
    />
  );
}
