import type { WorkloadContainer, WorkloadProject, WorkloadService } from '../../../shared/index.js';
import { PROJECT_STATE, containerTone, formatComposePorts, projectCounts } from './project-rows.js';
import { DataTable } from '../views/data-table.js';

export interface ProjectTableProps {
  projects: readonly WorkloadProject[];
  onMigrateProject: (project: WorkloadProject) => void;
  onMigrateContainer: (project: WorkloadProject, container: WorkloadContainer) => void;
  onRemove: (project: WorkloadProject) => void;
}

const CONTAINER_STATE_LABEL: Record<string, string> = {
  running: 'Running',
  exited: 'Exited',
  created: 'Created',
  paused: 'Paused',
  restarting: 'Restarting',
  removing: 'Removing',
  dead: 'Dead',
};

function ContainerRow({
  project,
  service,
  container,
  first,
  onMigrate,
}: {
  project: WorkloadProject;
  service: WorkloadService;
  container: WorkloadContainer;
  first: boolean;
  onMigrate: () => void;
}) {
  return (
    <tr
      className="workload-container-row"
      data-testid="workload-container"
      data-project={project.name}
      data-service={service.name}
      data-container={container.name}
      data-state={container.state}
    >
      <td className="workload-service-cell">{first ? service.name : null}</td>
      <td className="mono">{container.name}</td>
      <td>
        <span className="status-pill" data-tone={containerTone(container)} title={container.status}>
          <span className="status-dot" aria-hidden="true" />
          {CONTAINER_STATE_LABEL[container.state] ?? container.state}
          {container.health ? ` (${container.health})` : ''}
        </span>
      </td>
      <td className="mono workload-image">{container.image}</td>
      <td className="mono" data-testid="workload-ports">
        {formatComposePorts(container.ports) || <span className="muted">—</span>}
      </td>
      <td className="row-actions">
        <button
          type="button"
          className="button button-small button-quiet"
          data-testid="workload-migrate-container"
          aria-label={`Migrate container ${container.name} of ${project.name} on ${project.hostName}`}
          onClick={onMigrate}
        >
          Migrate…
        </button>
      </td>
    </tr>
  );
}

function ProjectRows({
  project,
  onMigrateProject,
  onMigrateContainer,
  onRemove,
}: { project: WorkloadProject } & Omit<ProjectTableProps, 'projects'>) {
  const state = PROJECT_STATE[project.state];
  return (
    <tbody
      className="workload-project"
      data-testid="workload-project"
      data-project={project.name}
      data-host={project.hostName}
      data-state={project.state}
    >
      <tr className="workload-project-row">
        <th scope="rowgroup" colSpan={2}>
          <span className="workload-project-name">{project.name}</span>
          <span className="workload-host"> on {project.hostName}</span>
        </th>
        <td>
          <span className="status-pill" data-tone={state.tone} data-testid="workload-project-state">
            <span className="status-dot" aria-hidden="true" />
            {state.label}
          </span>
        </td>
        <td colSpan={2} className="workload-sub">
          {projectCounts(project)}
          {project.deployedByCrossdock ? '' : ' · made with docker compose'}
          {project.configFiles ? (
            <>
              {' '}
              · <span className="mono">{project.configFiles}</span>
            </>
          ) : null}
        </td>
        <td className="row-actions">
          <button
            type="button"
            className="button button-small button-quiet"
            data-testid="workload-migrate"
            aria-label={`Migrate ${project.name} from ${project.hostName}`}
            onClick={() => onMigrateProject(project)}
          >
            Migrate…
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            data-testid="workload-remove"
            aria-label={`Remove ${project.name} from ${project.hostName}`}
            onClick={() => onRemove(project)}
          >
            Remove…
          </button>
        </td>
      </tr>
      {project.services.flatMap((service) =>
        service.containers.map((container, index) => (
          <ContainerRow
            key={container.id}
            project={project}
            service={service}
            container={container}
            first={index === 0}
            onMigrate={() => onMigrateContainer(project, container)}
          />
        )),
      )}
    </tbody>
  );
}

/** Compose projects across hosts: a row per project, then one per container under its service. */
export function ProjectTable({ projects, ...handlers }: ProjectTableProps) {
  return (
    <DataTable
      className="workload-table"
      testId="workload-table"
      caption="Compose projects on every host"
      columns={['Service', 'Container', 'State', 'Image', 'Ports']}
    >
      {projects.map((project) => (
        <ProjectRows key={`${project.hostId}/${project.name}`} project={project} {...handlers} />
      ))}
    </DataTable>
  );
}
