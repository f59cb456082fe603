import { EmptyState } from './empty-state.js';

export function WorkloadsView() {
  return (
    <EmptyState
      view="workloads"
      title="No workloads yet"
      lead="Workloads are compose projects deployed to your hosts: their services, images, configuration and volumes, managed as one unit."
      abilities={[
        'Deploy a compose file to any host you manage.',
        'Publish host ports and keep a port map, instead of a forced overlay network.',
        'Update, restart or remove a whole project in one step.',
      ]}
    />
  );
}
