/**
 * The emulator's locations and server types: the shape of Hetzner's `GET /locations` and
 * `GET /server_types` (a few real entries; prices as published, EUR, net and gross).
 */
export const LOCATIONS = [
  {
    id: 1,
    name: 'fsn1',
    description: 'Falkenstein DC Park 1',
    country: 'DE',
    city: 'Falkenstein',
    network_zone: 'eu-central',
  },
  {
    id: 2,
    name: 'nbg1',
    description: 'Nuremberg DC Park 1',
    country: 'DE',
    city: 'Nuremberg',
    network_zone: 'eu-central',
  },
  {
    id: 3,
    name: 'hel1',
    description: 'Helsinki DC Park 1',
    country: 'FI',
    city: 'Helsinki',
    network_zone: 'eu-central',
  },
  { id: 4, name: 'ash', description: 'Ashburn, VA', country: 'US', city: 'Ashburn, VA', network_zone: 'us-east' },
];

function prices(hourlyNet: number) {
  return LOCATIONS.map((l) => ({
    location: l.name,
    price_hourly: { net: hourlyNet.toFixed(4), gross: (hourlyNet * 1.19).toFixed(4) },
    price_monthly: { net: (hourlyNet * 730).toFixed(4), gross: (hourlyNet * 730 * 1.19).toFixed(4) },
  }));
}

function type(
  id: number,
  name: string,
  cores: number,
  memory: number,
  arch: 'x86' | 'arm',
  cpu: 'shared' | 'dedicated',
  hourly: number,
) {
  return {
    id,
    name,
    description: name.toUpperCase(),
    cores,
    memory,
    disk: cores * 20,
    architecture: arch,
    cpu_type: cpu,
    deprecated: false,
    storage_type: 'local',
    prices: prices(hourly),
  };
}

export const SERVER_TYPES = [
  type(104, 'cx22', 2, 4, 'x86', 'shared', 0.006),
  type(105, 'cx32', 4, 8, 'x86', 'shared', 0.0113),
  type(106, 'cx42', 8, 16, 'x86', 'shared', 0.0273),
  type(107, 'cx52', 16, 32, 'x86', 'shared', 0.0545),
  type(45, 'cax11', 2, 4, 'arm', 'shared', 0.0063),
  type(93, 'ccx13', 2, 8, 'x86', 'dedicated', 0.0238),
  type(95, 'ccx33', 8, 32, 'x86', 'dedicated', 0.0952),
];

export const IMAGES = ['debian-12', 'ubuntu-24.04', 'rocky-9'];
