/**
 * Pulls one image on one host through that host's engine (`POST /images/create` over the host's
 * existing connection), with the registry's credentials as the API's auth header when a resolver
 * gives some. Nothing is written on the host but the image itself; a failed pull leaves the host's
 * images as they were (the engine only keeps finished pulls).
 */
import type { DockerEngine } from '../docker/docker-engine.js';
import type { RegistryAuth } from '../registries/registry-auth.js';
import { formatImageRef, parseImageRef } from './image-ref.js';
import { pullFailure } from './pull-errors.js';
import { type PullEvent, type PullProgress, PullProgressAggregator } from './pull-progress.js';

/** Registry credentials as the engine's auth header carries them (kept in the vault, see registries/). */
export type RegistryCredentials = RegistryAuth;

/** Finds stored credentials for a normalised registry host (`docker.io` for Docker Hub); null: pull anonymously. */
export type RegistryAuthResolver = (registry: string) => Promise<RegistryCredentials | null>;

export interface PullImageOptions {
  registryAuth?: RegistryAuthResolver | undefined;
  onProgress?: ((progress: PullProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface PullImageResult {
  image: string;
  registry: string;
  progress: PullProgress;
}

export async function pullImage(
  engine: DockerEngine,
  image: string,
  options: PullImageOptions = {},
): Promise<PullImageResult> {
  const ref = parseImageRef(image);
  const credentials = options.registryAuth ? await options.registryAuth(ref.registry) : null;
  const context = { image, host: engine.label, registry: ref.registry, withCredentials: credentials !== null };
  const aggregator = new PullProgressAggregator();
  let streamError: string | null = null;
  options.signal?.throwIfAborted();

  let stream: NodeJS.ReadableStream;
  try {
    stream = await engine.call((docker) =>
      docker.pull(
        formatImageRef(ref),
        credentials === null
          ? { abortSignal: options.signal }
          : { authconfig: credentials, abortSignal: options.signal },
      ),
    );
  } catch (error) {
    throw asPullFailure(error, context);
  }

  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      reject(options.signal?.reason ?? new DOMException('aborted', 'AbortError'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    engine.docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        options.signal?.removeEventListener('abort', onAbort);
        if (error) reject(asPullFailure(error, context));
        else if (streamError !== null) reject(pullFailure(streamError, context));
        else resolve();
      },
      (event: PullEvent) => {
        const message = event.errorDetail?.message ?? event.error;
        if (message !== undefined) streamError = message;
        else if (aggregator.add(event)) options.onProgress?.(aggregator.snapshot());
      },
    );
  });
  return { image, registry: ref.registry, progress: aggregator.snapshot() };
}

function asPullFailure(error: unknown, context: Parameters<typeof pullFailure>[1]): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'CrossdockError' || error.name === 'AbortError') return error;
  // dockerode puts the engine's answer in `json.message`; its own message wraps it with the status.
  const json = (error as { json?: { message?: unknown } }).json;
  const message = typeof json?.message === 'string' ? json.message : error.message;
  return pullFailure(message, context);
}
