/**
 * The emulator's regions, sizes and images: the shapes of DigitalOcean's `GET /v2/regions`,
 * `GET /v2/sizes` and the droplet's `image` (digitalocean/openapi `specification/resources/…/models`),
 * with a few real entries and their published USD prices.
 */
const REGION_NAMES: Record<string, string> = {
  ams3: 'Amsterdam 3',
  fra1: 'Frankfurt 1',
  lon1: 'London 1',
  nyc3: 'New York 3',
  sfo3: 'San Francisco 3',
  sgp1: 'Singapore 1',
};

function size(
  slug: string,
  vcpus: number,
  memoryGiB: number,
  disk: number,
  monthly: number,
  description: string,
  regions = Object.keys(REGION_NAMES),
) {
  return {
    slug,
    memory: memoryGiB * 1024,
    vcpus,
    disk,
    transfer: Math.max(1, vcpus),
    // DigitalOcean's hourly price is the monthly one over 672 hours (4 weeks), as it publishes it.
    price_monthly: monthly,
    price_hourly: Number((monthly / 672).toFixed(5)),
    regions,
    available: true,
    description,
    disk_info: [{ type: 'local', size: { amount: disk, unit: 'gib' } }],
  };
}

export const SIZES = [
  size('s-1vcpu-1gb', 1, 1, 25, 6, 'Basic'),
  size('s-1vcpu-2gb', 1, 2, 50, 12, 'Basic'),
  size('s-2vcpu-2gb', 2, 2, 60, 18, 'Basic'),
  size('s-2vcpu-4gb', 2, 4, 80, 24, 'Basic'),
  size('c-2', 2, 4, 25, 42, 'CPU-Optimized'),
  size('s-4vcpu-8gb', 4, 8, 160, 48, 'Basic'),
  size('g-2vcpu-8gb', 2, 8, 25, 63, 'General Purpose'),
  size('s-8vcpu-16gb', 8, 16, 320, 96, 'Basic'),
  size('m-2vcpu-16gb', 2, 16, 50, 84, 'Memory-Optimized'),
  size('g-8vcpu-32gb', 8, 32, 100, 252, 'General Purpose'),
  // Not offered everywhere, as on DigitalOcean: sizes(region) must filter by `regions`.
  size('so-8vcpu-64gb', 8, 64, 1200, 832, 'Storage-Optimized', ['nyc3', 'fra1']),
];

export const REGIONS = Object.entries(REGION_NAMES).map(([slug, name]) => ({
  slug,
  name,
  features: ['backups', 'ipv6', 'metadata', 'install_agent', 'storage', 'image_transfer'],
  available: true,
  sizes: SIZES.filter((s) => s.regions.includes(slug)).map((s) => s.slug),
}));

/** Public images by slug (every one boots the same Debian 12 rig machine). */
export const IMAGES: Record<string, { id: number; name: string; distribution: string }> = {
  'debian-12-x64': { id: 143_491_014, name: '12 x64', distribution: 'Debian' },
  'ubuntu-24-04-x64': { id: 160_377_969, name: '24.04 (LTS) x64', distribution: 'Ubuntu' },
  'rockylinux-9-x64': { id: 149_297_617, name: '9 x64', distribution: 'Rocky Linux' },
};
