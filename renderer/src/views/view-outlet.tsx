import type { ComponentType } from 'react';
import type { ViewId } from '../navigation/views.js';
import { ContainersView } from '../containers/containers-view.js';
import { HostsView } from '../hosts/hosts-view.js';
import { MachinesView } from '../machines/machines-view.js';
import { MigrationsView } from '../migrations/migrations-view.js';
import { PortsView } from '../ports/ports-view.js';
import { SettingsView } from '../settings/settings-view.js';
import { useCrossdock } from '../state/store.js';
import { WorkloadsView } from '../workloads/workloads-view.js';
import { CompareView } from '../compare/compare-view.js';
import './views.css';

const VIEW_COMPONENTS: Record<ViewId, ComponentType> = {
  hosts: HostsView,
  containers: ContainersView,
  machines: MachinesView,
  workloads: WorkloadsView,
  ports: PortsView,
  migrations: MigrationsView,
  compare: CompareView,
  settings: SettingsView,
};

/** Views that scroll inside themselves (virtualised lists) and so fill the pane exactly. */
const FILLING_VIEWS: ReadonlySet<ViewId> = new Set(['containers', 'ports']);

export function ViewOutlet() {
  const view = useCrossdock((state) => state.view);
  const View = VIEW_COMPONENTS[view];
  return (
    <div className={FILLING_VIEWS.has(view) ? 'view view-fill' : 'view'} data-testid={`view-${view}`} key={view}>
      <View />
    </div>
  );
}
