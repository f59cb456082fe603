import { useCallback, useId } from 'react';
import type { ContainerSummary } from '../../../shared/index.js';
import { ContainerDetails } from '../container-details/container-details.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { CONTAINER_COLUMNS, NETWORK_COLUMNS, VOLUME_COLUMNS } from './container-columns.js';
import { ImagesPanel } from '../images/images-panel.js';
import { ContainerActions } from './container-actions-bar.js';
import { askToRemove, containerKey, selectContainer, setShowStopped, useDocker } from './docker-store.js';
import { useDockerLive } from './docker-sync.js';
import { RemoveContainerDialog } from './remove-container-dialog.js';
import { containerSpec, isStopped, networkSpec, volumeSpec } from './resource-specs.js';
import { ResourcePanel } from './resource-panel.js';
import { ResourceTabs } from './resource-tabs.js';
import './containers.css';

const running = (container: ContainerSummary): boolean => !isStopped(container);
const containerAttributes = (container: ContainerSummary): Record<string, string> => ({
  'data-state': container.state,
  'data-host-id': container.hostId,
});

function ContainersPanel() {
  const showStopped = useDocker((state) => state.showStopped);
  const selected = useDocker((state) => state.selected);
  const pending = useDocker((state) => state.pending);
  const open = useCallback(
    (container: ContainerSummary) => selectContainer({ hostId: container.hostId, id: container.id }),
    [],
  );
  // Depends on `pending`, so only a change of pending actions re-renders the visible rows.
  const actions = useCallback(
    (container: ContainerSummary) => (
      <ContainerActions container={container} pending={pending[containerKey(container)]} variant="icons" />
    ),
    [pending],
  );
  const busy = useCallback((container: ContainerSummary) => pending[containerKey(container)] !== undefined, [pending]);
  return (
    <ResourcePanel
      kind="containers"
      spec={containerSpec}
      columns={CONTAINER_COLUMNS}
      gridClass="grid-containers"
      noun="container"
      rowTestId="container-row"
      include={showStopped ? undefined : running}
      onOpen={open}
      selectedKey={selected ? containerKey(selected) : null}
      rowAttributes={containerAttributes}
      actions={actions}
      keepActions={busy}
      compact={selected !== null}
      toolbarExtra={
        <label className="form-check">
          <input
            type="checkbox"
            checked={showStopped}
            data-testid="show-stopped"
            onChange={(event) => setShowStopped(event.target.checked)}
          />
          Show stopped
        </label>
      }
    />
  );
}

/** Every container on every host in one list, with images, volumes and networks beside it. */
export function ContainersView() {
  const hasHosts = useCrossdock((state) => state.hosts.length > 0);
  const tab = useDocker((state) => state.tab);
  const selected = useDocker((state) => state.selected);
  const removing = useDocker((state) => state.removing);
  const panelId = useId();
  useDockerLive();

  if (!hasHosts) {
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

  return (
    <div className="containers-page" data-details-open={tab === 'containers' && selected !== null}>
      <ResourceTabs panelId={panelId} />
      <div className="resource-panel" role="tabpanel" id={panelId} aria-labelledby={`tab-${tab}`}>
        {tab === 'containers' && <ContainersPanel />}
        {tab === 'images' && <ImagesPanel />}
        {tab === 'volumes' && (
          <ResourcePanel
            kind="volumes"
            spec={volumeSpec}
            columns={VOLUME_COLUMNS}
            gridClass="grid-volumes"
            noun="volume"
            rowTestId="volume-row"
          />
        )}
        {tab === 'networks' && (
          <ResourcePanel
            kind="networks"
            spec={networkSpec}
            columns={NETWORK_COLUMNS}
            gridClass="grid-networks"
            noun="network"
            rowTestId="network-row"
          />
        )}
      </div>
      {tab === 'containers' && selected && <ContainerDetails key={containerKey(selected)} target={selected} />}
      {removing && <RemoveContainerDialog container={removing} onClose={() => askToRemove(null)} />}
    </div>
  );
}
