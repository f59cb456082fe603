/**
 * Builds one image on one host through that host's engine (`POST /build`, the classic builder,
 * over the host's existing connection): the context goes up as a tar stream read from this
 * computer as the request consumes it, and the engine's output comes back line by line. Nothing
 * is written on the host but the image (and the builder's layer cache).
 */
import { readFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CrossdockError } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { type RegistryAuth, serverAddressOf } from '../registries/registry-auth.js';
import { type BuildContext, packBuildContext } from './build-context.js';
import { parseImageRef } from './image-ref.js';
import type { RegistryAuthResolver } from './pull-image.js';

/** What the engine's build endpoint takes besides the context (compose's build section, resolved). */
export interface BuildOptions {
  /** The tag the image gets. */
  image: string;
  args: Record<string, string>;
  target: string | null;
  labels: Record<string, string>;
  network: string | null;
  shmSize: number | null;
  extraHosts: string[];
  cacheFrom: string[];
}

export interface BuildProgress {
  /** Bytes of the context's tar sent so far, and how many it has. */
  sent: number;
  total: number;
  /** The Dockerfile step running (`Step 2/5 : RUN make`), once the engine has started. */
  step: { index: number; count: number; text: string } | null;
}

export interface BuildImageOptions {
  /** Names the build in errors: the service and host. */
  service: string;
  host: string;
  registryAuth?: RegistryAuthResolver | undefined;
  /** Each line of the build's output, as it comes. */
  onLine?: ((line: string) => void) | undefined;
  onProgress?: ((progress: BuildProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** How many of the last output lines a BUILD_FAILED error carries. */
export const OUTPUT_TAIL = 15;

interface BuildEvent {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

/** Builds `options.image` on the engine from `context`; resolves with the new image's id. */
export async function buildImage(
  engine: DockerEngine,
  context: BuildContext,
  options: BuildOptions,
  run: BuildImageOptions,
): Promise<{ imageId: string }> {
  const signal = run.signal;
  signal?.throwIfAborted();
  const output: string[] = [];
  let step: BuildProgress['step'] = null;
  let sent = 0;
  let imageId: string | null = null;
  let failure: string | null = null;
  let reportedAt = 0;
  const report = (force = false): void => {
    // The upload counts in chunks of a few KiB: a few reports a second are enough.
    const now = Date.now();
    if (!force && now - reportedAt < 100) return;
    reportedAt = now;
    run.onProgress?.({ sent, total: context.tarBytes, step });
  };
  const fail = (message: string): CrossdockError => buildFailed(message, options.image, step, output, run);

  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      if (step === null) report();
      done(null, chunk);
    },
  });
  const tar = packBuildContext(context, signal);
  const upload = pipeline(tar, counted).catch((error: unknown) => {
    // A file that vanished or changed while it was sent: the request fails with it below.
    failure ??= `the context could not be read: ${error instanceof Error ? error.message : String(error)}`;
  });

  const registryconfig = await registryConfig(context, run.registryAuth);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await engine.call((docker) =>
      docker.buildImage(
        counted,
        buildQuery({
          t: options.image,
          dockerfile: context.dockerfile,
          buildargs: options.args,
          labels: options.labels,
          rm: true,
          forcerm: true,
          ...(options.target !== null ? { target: options.target } : {}),
          ...(options.network !== null ? { networkmode: options.network } : {}),
          ...(options.shmSize !== null ? { shmsize: options.shmSize } : {}),
          ...(options.extraHosts.length > 0 ? { extrahosts: options.extraHosts } : {}),
          ...(options.cacheFrom.length > 0 ? { cachefrom: options.cacheFrom } : {}),
          ...(Object.keys(registryconfig).length > 0 ? { registryconfig } : {}),
          ...(signal ? { abortSignal: signal } : {}),
        }),
      ),
    );
  } catch (error) {
    counted.destroy();
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'CrossdockError')) throw error;
    // The engine refused before building (a Dockerfile it cannot parse, on some versions).
    const json = (error as { json?: { message?: unknown } }).json;
    const message = typeof json?.message === 'string' ? json.message : String((error as Error).message ?? error);
    // dockerode wraps the engine's words as "(HTTP code 400) unexpected - …".
    throw fail(message.replace(/^\(HTTP code \d+\)[^-]*- /, '').trim());
  }

  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    engine.docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(fail(error.message));
        else if (failure !== null) reject(fail(failure));
        else resolve();
      },
      (event: BuildEvent) => {
        const message = event.errorDetail?.message ?? event.error;
        if (message !== undefined) {
          failure = message.trim();
          return;
        }
        if (event.aux?.ID) imageId = event.aux.ID;
        const text = event.stream ?? event.status;
        if (text === undefined) return;
        for (const line of text.split('\n').map((l) => l.trimEnd())) {
          if (line === '') continue;
          output.push(line);
          if (output.length > OUTPUT_TAIL) output.shift();
          run.onLine?.(line);
          const started = /^Step (\d+)\/(\d+) : (.*)$/.exec(line);
          if (started) {
            step = { index: Number(started[1]), count: Number(started[2]), text: started[3] ?? '' };
            report(true);
          }
          const built = /^Successfully built ([0-9a-f]{12,64})$/.exec(line);
          if (built && imageId === null) imageId = built[1] ?? null;
        }
      },
    );
  });
  await upload;
  if (imageId === null) {
    const inspected = await engine.call((docker) => docker.getImage(options.image).inspect());
    imageId = inspected.Id;
  }
  return { imageId };
}

/** The build request's query, as Crossdock sends it. */
interface BuildQuery {
  t: string;
  dockerfile: string;
  buildargs: Record<string, string>;
  labels: Record<string, string>;
  rm: boolean;
  forcerm: boolean;
  target?: string;
  networkmode?: string;
  shmsize?: number;
  extrahosts?: string[];
  cachefrom?: string[];
  registryconfig?: Record<string, RegistryAuth>;
  abortSignal?: AbortSignal;
}

/**
 * The query as dockerode takes it. @types/dockerode types `extrahosts` and `cachefrom` as strings,
 * but both go as lists: the engine reads every repeated `extrahosts` key (`r.Form["extrahosts"]`),
 * which docker-modem writes for an array, and dockerode sends `cachefrom` as a JSON list.
 */
function buildQuery(query: BuildQuery): Dockerode.ImageBuildOptions {
  return query as unknown as Dockerode.ImageBuildOptions;
}

function buildFailed(
  message: string,
  image: string,
  step: BuildProgress['step'],
  output: string[],
  run: BuildImageOptions,
): CrossdockError {
  const where = step ? ` at step ${step.index}/${step.count} (${step.text})` : '';
  // The engine's error line often repeats the last output line: leave it out of the tail.
  const tail = output.filter((line) => line.trim() !== message.trim());
  const shown = tail.length > 0 ? `\nIts last output:\n${tail.map((line) => `  ${line}`).join('\n')}` : '';
  return new CrossdockError(
    'BUILD_FAILED',
    `Building the image of service ${run.service} on host ${run.host} failed${where}: ${message}${shown}`,
    {
      service: run.service,
      host: run.host,
      image,
      step: step ? `${step.index}/${step.count} ${step.text}` : null,
      output: tail,
    },
  );
}

/**
 * Logins for the registries the Dockerfile's `FROM` lines name (the X-Registry-Config header of
 * the build request), so a private base image builds without a `docker login` on the host. A
 * stage name, `scratch` or a reference made of build arguments is skipped.
 */
async function registryConfig(
  context: BuildContext,
  resolve: RegistryAuthResolver | undefined,
): Promise<Record<string, RegistryAuth>> {
  if (!resolve) return {};
  const text = await dockerfileText(context);
  const stages = new Set<string>();
  const registries = new Set<string>();
  for (const match of text.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    const reference = match[1] ?? '';
    if (reference !== 'scratch' && !reference.includes('$') && !stages.has(reference.toLowerCase())) {
      try {
        registries.add(parseImageRef(reference).registry);
      } catch {
        // Not a reference the build could pull either: the engine will say so.
      }
    }
    if (match[2]) stages.add(match[2].toLowerCase());
  }
  const config: Record<string, RegistryAuth> = {};
  for (const registry of registries) {
    const login = await resolve(registry);
    // The engine looks a login up by the address the docker CLI files it under (Hub's old index URL).
    if (login) config[serverAddressOf(registry)] = { ...login, serveraddress: serverAddressOf(registry) };
  }
  return config;
}

async function dockerfileText(context: BuildContext): Promise<string> {
  const entry = context.entries.find((e) => e.path === context.dockerfile);
  if (entry?.content) return entry.content.toString('utf8');
  if (entry?.source) return readFile(entry.source, 'utf8');
  return '';
}
