import { EmptyState } from './empty-state.js';

export function MachinesView() {
  return (
    <EmptyState
      view="machines"
      title="No machines yet"
      lead="Create machines on the local sandbox, AWS EC2 or Google Compute Engine, and Crossdock installs Docker on them, whatever mainstream Linux they run."
      abilities={[
        'Pick a provider, region, size and image; cloud credentials stay in Crossdock’s encrypted vault.',
        'Get plain Linux servers that you own: nothing Crossdock-specific keeps running on them.',
        'Destroy a machine from here when you no longer need it.',
      ]}
    />
  );
}
