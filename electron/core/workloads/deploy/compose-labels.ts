import type { Dependency } from '../compose/compose-model.js';

/**
 * The labels docker compose puts on what it creates and looks for to find a project's
 * containers, networks and volumes. Crossdock sets the same ones, so `docker compose ls/ps`
 * on the host sees a Crossdock deploy as a compose project, and Crossdock sees the CLI's.
 */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  version: 'com.docker.compose.version',
  dependsOn: 'com.docker.compose.depends_on',
  image: 'com.docker.compose.image',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  /** Crossdock's own: this project was deployed by Crossdock (not by the compose CLI). */
  managed: 'crossdock.managed',
} as const;

/**
 * The compose version recorded in `com.docker.compose.version`. Compose reads it only to tell
 * which release made a resource; this is the Compose specification level Crossdock follows.
 */
export const COMPOSE_VERSION = '2.20.0';

/** `db:service_healthy:false,cache:service_started:false`, compose v2's format. */
export function dependsOnLabel(dependsOn: Record<string, Dependency>): string {
  return Object.entries(dependsOn)
    .map(([name, d]) => `${name}:${d.condition}:${d.restart}`)
    .join(',');
}

/** A filter for `listContainers`/`listNetworks`/`listVolumes` that selects a project's resources. */
export function projectFilter(project: string): { label: string[] } {
  return { label: [`${LABEL.project}=${project}`] };
}
