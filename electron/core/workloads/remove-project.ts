import type Dockerode from 'dockerode';
import { CrossdockError, type RemoveReport } from '../../../shared/index.js';
import { fromDockerApi } from '../containers/docker-api-errors.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { projectFilter } from './deploy/compose-labels.js';

/**
 * Removes a compose project from a host, found by its labels (so the CLI's projects can be
 * removed too): every container (one-off ones included), then its networks; its volumes only
 * when asked, since they hold the data. NOT_FOUND when the host has nothing of that project.
 */
export async function removeProject(
  engine: DockerEngine,
  hostName: string,
  project: string,
  removeVolumes: boolean,
  signal?: AbortSignal,
): Promise<RemoveReport> {
  const filters = projectFilter(project);
  const call = <T>(what: string, operation: (docker: Dockerode) => Promise<T>): Promise<T> =>
    engine.call(operation).catch((error: unknown) => Promise.reject(fromDockerApi(error, what, hostName)));
  const containers = await call('Containers', (d) =>
    d.listContainers({ all: true, filters, ...(signal ? { abortSignal: signal } : {}) }),
  );
  const networks = await call('Networks', (d) => d.listNetworks({ filters }));
  const volumes = removeVolumes ? ((await call('Volumes', (d) => d.listVolumes({ filters }))).Volumes ?? []) : [];
  if (containers.length === 0 && networks.length === 0 && volumes.length === 0) {
    throw new CrossdockError(
      'NOT_FOUND',
      `Host ${hostName} has no compose project "${project}"; "crossdock workloads ls" lists them`,
      { host: hostName, project },
    );
  }
  const report: RemoveReport = { host: hostName, project, containers: [], networks: [], volumes: [] };
  for (const container of containers) {
    const name = (container.Names[0] ?? container.Id).replace(/^\//, '');
    await call(`Container "${name}"`, (d) => d.getContainer(container.Id).remove({ force: true }));
    report.containers.push(name);
  }
  for (const network of networks) {
    await call(`Network "${network.Name}"`, (d) => d.getNetwork(network.Id).remove());
    report.networks.push(network.Name);
  }
  for (const volume of volumes) {
    await call(`Volume "${volume.Name}"`, (d) => d.getVolume(volume.Name).remove());
    report.volumes.push(volume.Name);
  }
  return report;
}
