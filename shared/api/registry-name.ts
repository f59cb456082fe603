/**
 * Registry names as Crossdock keeps them: `host[:port]`, lower case, no scheme or path, with every
 * spelling of Docker Hub folded into `docker.io`. A login, an image's registry and a Docker
 * client config key all meet here, so `https://index.docker.io/v1/` and `docker.io` are one login.
 */

/** Docker Hub's canonical name, as the Docker CLI prints it in image references. */
export const DOCKER_HUB = 'docker.io';

/** Spellings of Docker Hub found in Docker client configs and in users' habits. */
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

// A DNS name or an IPv4 address (labels of letters, digits and hyphens), or an IPv6 address in
// brackets, then an optional port.
const HOST_PORT =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * The registry's normalised name, or null when `input` names no registry. Accepts what users and
 * tools write: `ghcr.io`, `HOST:5000`, `https://HOST/v2/`, `https://index.docker.io/v1/`.
 */
export function normalizeRegistry(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (text === '' || text.length > 300) return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  // A path (`/v1/`, `/v2/`) names an API version, not another registry.
  text = text.replace(/\/.*$/, '');
  const match = HOST_PORT.exec(text);
  if (!match) return null;
  const port = match[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  if (port === undefined && HUB_ALIASES.has(text)) return DOCKER_HUB;
  return text;
}

/**
 * The registry an image reference is pulled from, as Docker decides it: the part before the first
 * `/` when it looks like a host (has a `.` or a `:`, or is `localhost`), else Docker Hub.
 */
export function registryOfImage(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return DOCKER_HUB;
  const first = image.slice(0, slash);
  if (first !== 'localhost' && !first.includes('.') && !first.includes(':')) return DOCKER_HUB;
  return normalizeRegistry(first) ?? first.toLowerCase();
}

/** True for registries on this computer's loopback, which Docker reaches over plain HTTP too. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '');
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}
