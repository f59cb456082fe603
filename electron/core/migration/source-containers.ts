import { CrossdockError } from '../../../shared/index.js';
import { fromDockerApi } from '../containers/docker-api-errors.js';
import type { TransferHost } from './transfer/index.js';
import { recreateFromInspect, type InspectedContainer, type RecreateSpec } from './recreate-from-inspect.js';

/** What a migration moves, resolved on the source host. */
export type SourceRef = { kind: 'container'; name: string } | { kind: 'project'; name: string };

/** The label every container, network and route leftover of a migration carries on the target. */
export const MIGRATION_LABEL = 'crossdock.migration.id';
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

/** One source container and how to make it again on the target. */
export interface ContainerSpec {
  info: InspectedContainer;
  /** Reference or id the copy is created from (and the image sent). */
  image: string;
  spec: RecreateSpec;
  running: boolean;
  hasHealthcheck: boolean;
}

/** dockerode's options take a signal only when there is one. */
export function aborts(signal: AbortSignal | undefined): { abortSignal: AbortSignal } | Record<string, never> {
  return signal ? { abortSignal: signal } : {};
}

/** Inspects the container, or every container of the compose project, on the source host. */
export async function findSourceContainers(
  sourceHost: TransferHost,
  source: SourceRef,
  signal?: AbortSignal,
): Promise<InspectedContainer[]> {
  if (source.kind === 'container') return [await inspectContainer(sourceHost, source.name, signal)];
  const listed = await sourceHost.docker.listContainers({
    all: true,
    filters: { label: [`${COMPOSE_PROJECT_LABEL}=${source.name}`] },
    ...aborts(signal),
  });
  if (listed.length === 0) {
    throw new CrossdockError(
      'NOT_FOUND',
      `There is no compose project "${source.name}" on ${sourceHost.name} (no container has the label ${COMPOSE_PROJECT_LABEL}=${source.name})`,
      {
        host: sourceHost.name,
        project: source.name,
      },
    );
  }
  const infos = await Promise.all(listed.map((c) => inspectContainer(sourceHost, c.Id, signal)));
  return infos.sort((x, y) => x.Name.localeCompare(y.Name));
}

/** Inspects one container by id or name, NOT_FOUND naming the host. */
export async function inspectContainer(
  host: TransferHost,
  ref: string,
  signal?: AbortSignal,
): Promise<InspectedContainer> {
  try {
    return (await host.docker.getContainer(ref).inspect(aborts(signal))) as InspectedContainer;
  } catch (error) {
    throw fromDockerApi(error, `Container "${ref}"`, host.name);
  }
}

/**
 * The copy is made from the reference the container was created with when that reference still
 * names the very image the container runs (so the target gets the tag too); otherwise (the tag
 * moved on since, or there never was one) from the image id.
 */
async function imageFor(sourceHost: TransferHost, info: InspectedContainer): Promise<string> {
  const ref = info.Config.Image;
  if (!ref || ref.startsWith('sha256:')) return info.Image;
  try {
    const image = await sourceHost.docker.getImage(ref).inspect();
    return image.Id === info.Image ? ref : info.Image;
  } catch {
    return info.Image;
  }
}

/** How to recreate each source container on the target, labelled with the migration id. */
export async function containerSpecs(
  sourceHost: TransferHost,
  infos: InspectedContainer[],
  migrationId: string,
): Promise<ContainerSpec[]> {
  return Promise.all(
    infos.map(async (info) => {
      const image = await imageFor(sourceHost, info);
      const test = info.Config.Healthcheck?.Test;
      return {
        info,
        image,
        spec: recreateFromInspect(info, { image, extraLabels: { [MIGRATION_LABEL]: migrationId } }),
        running: info.State.Running || info.State.Restarting,
        // Docker merges the image's healthcheck into the container's Config at create time.
        hasHealthcheck: Boolean(test && test.length > 0 && test[0] !== 'NONE'),
      };
    }),
  );
}
