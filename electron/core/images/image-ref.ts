/**
 * Image references as Docker reads them: `[registry/]path[:tag][@digest]`. The first path component
 * is a registry host only when it has a '.' or ':' or is `localhost`; otherwise the image is on
 * Docker Hub (`docker.io`), where one-component names live under `library/`.
 */
import { CrossdockError } from '../../../shared/index.js';

export const DOCKER_HUB = 'docker.io';

export interface ImageRef {
  /** Normalised registry host (`docker.io` for Docker Hub names). */
  registry: string;
  /** Repository path inside the registry (`library/postgres` for `postgres`). */
  repository: string;
  /** The tag; `latest` when neither a tag nor a digest was given. */
  tag: string | null;
  /** `sha256:...` when the reference pins a digest. */
  digest: string | null;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

function invalid(reference: string, why: string): CrossdockError {
  return new CrossdockError(
    'INVALID_ARGUMENT',
    `"${reference}" is not an image reference (${why}); write it as [registry/]name[:tag][@digest], e.g. postgres:16`,
    { image: reference },
  );
}

export function parseImageRef(reference: string): ImageRef {
  const text = reference.trim();
  if (text === '') throw invalid(reference, 'it is empty');
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid(reference, `"${digest}" is not a digest`);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  // A ':' after the last '/' separates the tag; one before it belongs to a registry's port.
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(reference, `"${tag}" is not a tag`);
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  for (const part of parts) {
    if (!COMPONENT.test(part)) throw invalid(reference, `"${part}" is not a valid name component`);
  }
  if (tag === null && digest === null) tag = 'latest';
  return { registry, repository: parts.join('/'), tag, digest };
}

/** The normalised registry host an image is pulled from. */
export function registryOf(reference: string): string {
  return parseImageRef(reference).registry;
}

/** The full reference as given to the engine's pull: `registry/repository[:tag][@digest]`. */
export function formatImageRef(ref: ImageRef): string {
  const name = `${ref.registry}/${ref.repository}`;
  return `${name}${ref.tag === null ? '' : `:${ref.tag}`}${ref.digest === null ? '' : `@${ref.digest}`}`;
}
