import { useState } from 'react';
import type { WorkloadProject } from '../../../shared/index.js';
import { FailureBanner } from '../containers/failure-banner.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { openMigrationWizard } from '../migrations/wizard-store.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { DeployDialog } from './deploy-dialog.js';
import { ProjectTable } from './project-table.js';
import { projectsSummary, sortProjects, workloadsRefreshKey } from './project-rows.js';
import { useCrossHostList, type CrossHostLister } from './use-cross-host-list.js';
import { SecretsPanel } from './secrets-panel.js';
import { removeWorkload } from './workload-actions.js';
import './workloads.css';

const listProjects: CrossHostLister<WorkloadProject> = (api, hosts) => api.workloads.list({ hosts });

function RemoveProjectDialog({
  project,
  onClose,
  onRemoved,
}: {
  project: WorkloadProject;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const [volumes, setVolumes] = useState(false);
  return (
    <ConfirmDialog
      title={`Remove ${project.name} from ${project.hostName}?`}
      testId="workload-remove-dialog"
      message={
        <>
          The containers and networks of <strong>{project.name}</strong> on <strong>{project.hostName}</strong> are
          removed. Its volumes stay unless you tick the box below.
        </>
      }
      confirmLabel={volumes ? `Remove ${project.name} and its volumes` : `Remove ${project.name}`}
      onConfirm={async () => {
        if (await removeWorkload(project, volumes)) onRemoved();
      }}
      onClose={onClose}
    >
      <label className="form-check">
        <input
          type="checkbox"
          checked={volumes}
          data-testid="workload-remove-volumes"
          onChange={(event) => setVolumes(event.target.checked)}
        />
        Also remove its volumes (their data is lost)
      </label>
    </ConfirmDialog>
  );
}

type Open = { dialog: 'deploy' } | { dialog: 'remove'; project: WorkloadProject } | null;

/**
 * Compose projects on every host, with their services and containers, kept current by Docker
 * events and deploy or migration jobs; deploy a file, remove a project, or start a migration.
 * Under them, the vault's secrets that compose files' `secrets:` take.
 */
export function WorkloadsView() {
  const refreshKey = useCrossdock((state) => workloadsRefreshKey(state.jobs));
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const hostCount = useCrossdock((state) => state.hosts.length);
  const { list, error, reload } = useCrossHostList(listProjects, refreshKey);
  const [open, setOpen] = useState<Open>(null);
  const close = (): void => setOpen(null);
  const projects = list ? sortProjects(list.items) : null;

  const deployButton = (
    <button
      type="button"
      className="button"
      data-testid="deploy-open"
      disabled={!connected || hostCount === 0}
      onClick={() => setOpen({ dialog: 'deploy' })}
    >
      Deploy…
    </button>
  );

  return (
    <div className="page workloads-page">
      {list && (
        <FailureBanner
          failures={list.failures}
          error={error ? `Could not list the projects: ${error.message}` : null}
        />
      )}
      {projects === null ? (
        <p className="muted" data-testid="workloads-loading">
          {error ? `Could not list the projects: ${error.message}` : 'Listing the compose projects on every host…'}
        </p>
      ) : projects.length > 0 ? (
        <>
          <div className="page-toolbar">
            <p className="page-summary" data-testid="workloads-summary">
              {projectsSummary(projects)}
            </p>
            {deployButton}
          </div>
          <ProjectTable
            projects={projects}
            onMigrateProject={(project) =>
              openMigrationWizard({ host: project.hostId, kind: 'project', name: project.name })
            }
            onMigrateContainer={(project, container) =>
              openMigrationWizard({ host: project.hostId, kind: 'container', name: container.name })
            }
            onRemove={(project) => setOpen({ dialog: 'remove', project })}
          />
        </>
      ) : (
        <EmptyState
          view="workloads"
          title="No workloads yet"
          lead="Workloads are compose projects deployed to your hosts: their services, images, configuration and volumes, managed as one unit."
          abilities={[
            'Deploy a compose file to any host you manage; problems are shown with their line before anything changes.',
            'Publish host ports and keep a port map, instead of a forced overlay network.',
            'Move a whole project, with its data, to another host.',
          ]}
          footnote={
            hostCount === 0
              ? 'Add a host first, under Hosts.'
              : 'Projects made with docker compose on your hosts are listed here too.'
          }
          action={deployButton}
        />
      )}
      <SecretsPanel />
      {open?.dialog === 'deploy' && <DeployDialog onClose={close} />}
      {open?.dialog === 'remove' && (
        <RemoveProjectDialog project={open.project} onClose={close} onRemoved={() => void reload()} />
      )}
    </div>
  );
}
