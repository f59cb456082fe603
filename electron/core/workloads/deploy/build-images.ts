import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { CrossdockError } from '../../../../shared/index.js';
import { formatBytes } from '../../../../shared/text/bytes.js';
import type { DockerEngine } from '../../docker/docker-engine.js';
import { readBuildContext } from '../../images/build-context.js';
import { buildImage, type BuildOptions, type BuildProgress } from '../../images/build-image.js';
import type { RegistryAuthResolver } from '../../images/pull-image.js';
import type { ComposeFile } from '../compose/compose-model.js';
import { COMPOSE_VERSION, LABEL } from './compose-labels.js';
import { canonicalJson } from './config-hash.js';
import { serviceImage } from './container-spec.js';
import type { DockerCall } from './preflight.js';

/**
 * Crossdock's own labels on an image it built (not compose's: compose keeps no such thing). A
 * deploy builds a service's image again only when one of them differs from what it would build
 * now, or when the service says `pull_policy: build`; so an unchanged context is not sent again.
 * - `context-hash`: SHA-256 of the context as sent (files after .dockerignore: paths, permission
 *   bits, sizes, link targets and bytes; build-context.ts).
 * - `options-hash`: SHA-256 of everything else the build request carries (Dockerfile path, args,
 *   target, labels, network, shm size, extra hosts, cache sources).
 */
export const BUILD_LABEL = {
  contextHash: 'crossdock.build.context-hash',
  optionsHash: 'crossdock.build.options-hash',
} as const;

/** compose's label on images it built with the classic builder (`api.ImageBuilderLabel`). */
const IMAGE_BUILDER_LABEL = 'com.docker.compose.image.builder';

export interface EnsureBuildsOptions {
  project: string;
  /** The compose file's folder, which build contexts are relative to. */
  workingDir: string;
  /** Service names in the order to build (dependencies first). */
  order: string[];
  registryAuth?: RegistryAuthResolver | undefined;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Where the step is: `part` of the way through all builds, and what it is at. */
  progress: (part: number, detail: string) => void;
}

/**
 * The image id of each service that has a `build:` section, built on the host where its context
 * or build options changed since the image there was built (or `pull_policy: build` says always),
 * one at a time: builds share the host's CPU and memory with what it runs.
 */
export async function ensureBuilds(
  file: ComposeFile,
  hostName: string,
  engine: DockerEngine,
  call: DockerCall,
  options: EnsureBuildsOptions,
): Promise<Record<string, string>> {
  const services = options.order.filter((name) => file.services[name]?.build);
  const ids: Record<string, string> = {};
  const built = new Map<string, { service: string; key: string; id: string }>();
  for (const [index, name] of services.entries()) {
    options.signal.throwIfAborted();
    const service = file.services[name] as ComposeFile['services'][string];
    const build = service.build as NonNullable<typeof service.build>;
    const image = serviceImage(options.project, name, service);
    const at = (part: number, detail: string): void =>
      options.progress((index + part) / services.length, `${name}: ${detail}`);
    at(0, 'reading the context');

    const contextDir = isAbsolute(build.context) ? build.context : resolve(options.workingDir, build.context);
    const context = await readBuildContext(
      contextDir,
      { dockerfile: build.dockerfile, inline: build.dockerfileInline },
      options.signal,
    ).catch((error: unknown) => {
      if (error instanceof CrossdockError)
        throw new CrossdockError(error.code, `Service ${name}: ${error.message}`, { ...error.details, service: name });
      throw error;
    });
    const request: BuildOptions = {
      image,
      args: Object.fromEntries(
        Object.entries(build.args).flatMap(([key, value]) => (value === null ? [] : [[key, value]])),
      ),
      target: build.target,
      labels: {},
      network: build.network,
      shmSize: build.shmSize,
      extraHosts: build.extraHosts,
      cacheFrom: build.cacheFrom,
    };
    const optionsHash = `sha256:${createHash('sha256')
      .update(canonicalJson({ ...request, image: undefined, labels: build.labels, dockerfile: context.dockerfile }))
      .digest('hex')}`;
    request.labels = {
      ...build.labels,
      [LABEL.project]: options.project,
      [LABEL.service]: name,
      [LABEL.version]: COMPOSE_VERSION,
      [IMAGE_BUILDER_LABEL]: 'classic',
      [BUILD_LABEL.contextHash]: context.hash,
      [BUILD_LABEL.optionsHash]: optionsHash,
    };

    const key = `${context.hash} ${optionsHash}`;
    const same = built.get(image);
    if (same) {
      if (same.key !== key)
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `Services ${same.service} and ${name} build different images under the same name ${image}: give one of them another image:`,
          { services: [same.service, name], image },
        );
      ids[name] = same.id;
      continue;
    }

    const existing = await inspectLabels(call, image);
    const reason =
      service.pullPolicy === 'build'
        ? 'pull_policy: build'
        : existing === null
          ? `host ${hostName} has no image ${image}`
          : existing.labels[BUILD_LABEL.contextHash] === undefined
            ? `${image} on ${hostName} was not built by Crossdock`
            : existing.labels[BUILD_LABEL.contextHash] !== context.hash
              ? 'its context changed'
              : existing.labels[BUILD_LABEL.optionsHash] !== optionsHash
                ? 'its build options changed'
                : null;
    if (reason === null && existing !== null) {
      options.log(`[build] ${name}: context ${short(context.hash)} and build options unchanged; using ${image}`);
      ids[name] = existing.id;
      built.set(image, { service: name, key, id: existing.id });
      continue;
    }

    options.log(
      `[build] ${name}: building ${image} on ${hostName} (${reason}): context ${context.dir}, ${context.entries.length} entries (${context.ignored} left out by .dockerignore), ${short(context.hash)}`,
    );
    const { imageId } = await buildImage(engine, context, request, {
      service: name,
      host: hostName,
      registryAuth: options.registryAuth,
      signal: options.signal,
      onLine: (line) => options.log(`[build ${name}] ${line}`),
      onProgress: (progress) => at(fractionOf(progress), describeBuildProgress(progress)),
    });
    options.log(`[build] ${name}: built ${image} (${imageId.replace(/^sha256:/, '').slice(0, 12)})`);
    ids[name] = imageId;
    built.set(image, { service: name, key, id: imageId });
  }
  return ids;
}

/** The services that build their image (`build:`). */
export function servicesThatBuild(file: ComposeFile): string[] {
  return Object.keys(file.services).filter((name) => file.services[name]?.build);
}

/**
 * A deploy that does not say where its compose file is (a file pasted into the app) cannot read
 * a build context: INVALID_ARGUMENT naming the services, before anything on the host changes.
 */
export function buildNeedsFolder(file: ComposeFile): CrossdockError {
  const services = servicesThatBuild(file);
  return new CrossdockError(
    'INVALID_ARGUMENT',
    `${services.length === 1 ? 'Service' : 'Services'} ${services.join(', ')} ${services.length === 1 ? 'builds its' : 'build their'} image (build:), which needs the compose file's folder on this computer to read the context from: deploy from the command line (crossdock deploy FILE --host HOST) or from the file's folder, or give the service an image: to pull instead`,
    { services },
  );
}

async function inspectLabels(
  call: DockerCall,
  image: string,
): Promise<{ id: string; labels: Record<string, string> } | null> {
  try {
    const info = await call(`Image "${image}"`, (d) => d.getImage(image).inspect());
    return { id: info.Id, labels: info.Config?.Labels ?? {} };
  } catch (error) {
    if (error instanceof CrossdockError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

function short(hash: string): string {
  return `${hash.slice(0, 'sha256:'.length + 12)}…`;
}

/** A tenth of a build is sending its context, the rest its steps. */
function fractionOf(progress: BuildProgress): number {
  if (progress.step === null) return progress.total > 0 ? 0.1 * Math.min(1, progress.sent / progress.total) : 0;
  return 0.1 + 0.9 * ((progress.step.index - 1) / Math.max(1, progress.step.count));
}

/** `sending the context: 1.20 MiB of 3.00 MiB`, then `step 2/5: RUN make`. */
export function describeBuildProgress(progress: BuildProgress): string {
  if (progress.step !== null) return `step ${progress.step.index}/${progress.step.count}: ${progress.step.text}`;
  return `sending the context: ${formatBytes(progress.sent)} of ${formatBytes(progress.total)}`;
}
