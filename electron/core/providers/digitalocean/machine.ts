import type { MachineState, ProviderMachine } from '../provider.js';
import { osOfImage } from './catalog.js';

/** DigitalOcean's public images log in as root with the droplet's SSH keys. */
export const DIGITALOCEAN_SSH_USER = 'root';
/** The tag every Crossdock droplet carries (`GET /v2/droplets?tag_name=crossdock`). */
export const MANAGED_TAG = 'crossdock';
/** Prefix of the tag holding the host key fingerprint Crossdock chose: `crossdock-hostkey:<url-safe base64>`. */
export const HOST_KEY_TAG_PREFIX = 'crossdock-hostkey:';

/** The fields of a DigitalOcean `droplet` the mapping reads. */
export interface DigitalOceanDroplet {
  id: number;
  name: string;
  status: 'new' | 'active' | 'off' | 'archive';
  created_at: string;
  size_slug: string;
  tags: string[];
  image: { slug: string | null; distribution?: string };
  region: { slug: string };
  networks: { v4: { ip_address: string; type: 'public' | 'private' }[] };
}

const STATES: Record<string, MachineState> = {
  new: 'pending',
  active: 'running',
  off: 'stopped',
  archive: 'terminated',
};

export function toProviderMachine(droplet: DigitalOceanDroplet): ProviderMachine {
  return {
    id: String(droplet.id),
    name: droplet.name,
    state: STATES[droplet.status] ?? 'unknown',
    address: droplet.networks.v4.find((n) => n.type === 'public')?.ip_address ?? null,
    sshPort: 22,
    sshUser: DIGITALOCEAN_SSH_USER,
    region: droplet.region.slug,
    type: droplet.size_slug,
    os: osOfImage(droplet.image.slug),
    createdAt: droplet.created_at,
  };
}

/**
 * Tags are `[A-Za-z0-9_:-]`, at most 255 characters: the fingerprint's base64 is stored url-safe.
 * The tag lets any laptop with the token pin the key, not only the one that created the droplet.
 */
export function hostKeyTag(fingerprint: string): string {
  const base64 = fingerprint.replace(/^SHA256:/, '');
  return `${HOST_KEY_TAG_PREFIX}${base64.replaceAll('+', '-').replaceAll('/', '_')}`;
}

/** The pinned host key fingerprint Crossdock chose for the droplet, if it did. */
export function hostKeyOf(droplet: Pick<DigitalOceanDroplet, 'tags'>): string | null {
  const tag = droplet.tags.find((t) => t.startsWith(HOST_KEY_TAG_PREFIX));
  const value = tag?.slice(HOST_KEY_TAG_PREFIX.length);
  if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) return null;
  return `SHA256:${value.replaceAll('-', '+').replaceAll('_', '/')}`;
}

/** Droplet ids are integers; anything else cannot name a droplet. */
export function dropletId(id: string): number | null {
  return /^\d{1,19}$/.test(id) ? Number(id) : null;
}
