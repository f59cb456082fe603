import { EmptyState } from './empty-state.js';

export function ContainersView() {
  return (
    <EmptyState
      view="containers"
      title="No containers to show yet"
      lead="Every container on every host, in one list. Once you have hosts, their containers appear here, live, without logging in to each server."
      abilities={[
        'Filter by host, state, image or name across all your servers at once.',
        'Start, stop, restart and remove containers, and follow their logs.',
        'See which host port each container publishes, so the port map stays clear without an overlay network.',
      ]}
      footnote="Add a host first: containers are read from each host's Docker engine."
    />
  );
}
