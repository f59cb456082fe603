import { useCrossdock } from '../state/store.js';
import { EmptyState } from './empty-state.js';
import { HostTable } from './host-table.js';

export function HostsView() {
  const hosts = useCrossdock((state) => state.hosts);
  if (hosts.length > 0) return <HostTable hosts={hosts} />;
  return (
    <EmptyState
      view="hosts"
      title="No hosts yet"
      lead="Add the servers you already have by SSH, or the Docker engine on this computer. Every Docker host Crossdock manages is listed here with its connection status."
      abilities={[
        'Connect to any SSH-reachable server; its host key is checked on every connection, and shown to you the first time.',
        'Install Docker on whichever mainstream Linux the server runs.',
        'Reuse one kept-alive connection per host for every Docker call, so lists stay fast.',
      ]}
    />
  );
}
