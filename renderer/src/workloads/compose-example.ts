import type { ImageSummary } from '../../../shared/index.js';

/** Pulled when the host has nothing fitting: small (about 20 MB), public, serves port 80. */
export const PUBLIC_EXAMPLE_IMAGE = 'nginx:alpine';

/** Images whose default command serves HTTP on port 80, so the example's port map works. */
const SERVES_PORT_80 = /^(?:[^/]+\/)?(?:library\/)?(?:nginx|httpd|caddy|traefik\/whoami)(?::|$)/;

export interface ComposeExample {
  /** The compose text shown as the editor's placeholder. */
  text: string;
  image: string;
  /** The host lacks the image: deploying the example pulls it first. */
  pulled: boolean;
}

const tagsOf = (images: readonly ImageSummary[]): string[] =>
  images.flatMap((image) => image.tags).filter((tag) => tag !== '' && !tag.includes('<none>'));

/**
 * An example the chosen host can run as it is (fresh machines have no images, so a fixed
 * `nginx:1.27` made the first deploy a pull of an image nobody asked for): a web server the host
 * already has, with a port map; else an image a running container there uses (`inUse`: the
 * images of its running containers; without a port map, since what it listens on is unknown);
 * else a small public web server, said to be pulled.
 */
export function composeExample(images: readonly ImageSummary[] | null, inUse: readonly string[] = []): ComposeExample {
  const tags = tagsOf(images ?? []);
  const server = tags.filter((tag) => SERVES_PORT_80.test(tag)).sort()[0];
  if (server) return { text: withPort(server), image: server, pulled: false };
  const used = new Set(inUse);
  const running =
    tags.filter((tag) => used.has(tag)).sort()[0] ??
    tagsOf((images ?? []).filter((image) => image.containers > 0)).sort()[0];
  if (running) return { text: `services:\n  app:\n    image: ${running}`, image: running, pulled: false };
  return { text: withPort(PUBLIC_EXAMPLE_IMAGE), image: PUBLIC_EXAMPLE_IMAGE, pulled: true };
}

function withPort(image: string): string {
  return `services:\n  web:\n    image: ${image}\n    ports:\n      - "8080:80"`;
}
