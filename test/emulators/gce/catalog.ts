/**
 * The read-only part of Compute Engine: zones, machine types and public image families. Values
 * are the real ones (guestCpus / memoryMb from the machine-types reference); the images are
 * all served by the same rig machine image, which is what "booting" any of them means here.
 */

/** A zone and the region it belongs to. */
export interface ZoneInfo {
  name: string;
  region: string;
}

/** Two regions, a few zones each: enough to test zone choice and region grouping. */
export const zones: ZoneInfo[] = [
  { name: 'europe-west1-b', region: 'europe-west1' },
  { name: 'europe-west1-c', region: 'europe-west1' },
  { name: 'europe-west1-d', region: 'europe-west1' },
  { name: 'us-central1-a', region: 'us-central1' },
  { name: 'us-central1-b', region: 'us-central1' },
  { name: 'us-central1-f', region: 'us-central1' },
];

/** Machine type facts as in the Compute Engine reference. */
export interface MachineTypeInfo {
  name: string;
  guestCpus: number;
  memoryMb: number;
  description: string;
  isSharedCpu?: boolean;
}

export const machineTypes: MachineTypeInfo[] = [
  { name: 'e2-micro', guestCpus: 2, memoryMb: 1024, description: '0.25 CPU, 1 GB RAM', isSharedCpu: true },
  { name: 'e2-small', guestCpus: 2, memoryMb: 2048, description: '0.5 CPU, 2 GB RAM', isSharedCpu: true },
  { name: 'e2-medium', guestCpus: 2, memoryMb: 4096, description: '1 CPU, 4 GB RAM', isSharedCpu: true },
  { name: 'e2-standard-2', guestCpus: 2, memoryMb: 8192, description: '2 vCPUs, 8 GB RAM' },
  { name: 'e2-standard-4', guestCpus: 4, memoryMb: 16384, description: '4 vCPUs, 16 GB RAM' },
  { name: 'e2-standard-8', guestCpus: 8, memoryMb: 32768, description: '8 vCPUs, 32 GB RAM' },
  { name: 'n2-standard-2', guestCpus: 2, memoryMb: 8192, description: '2 vCPUs, 8 GB RAM' },
  { name: 'n2-standard-8', guestCpus: 8, memoryMb: 32768, description: '8 vCPUs, 32 GB RAM' },
  { name: 't2a-standard-2', guestCpus: 2, memoryMb: 8192, description: '2 vCPUs, 8 GB RAM' },
];

/** A public image family and the image it currently points at. */
export interface ImageInfo {
  project: string;
  family: string;
  name: string;
  description: string;
  architecture: 'X86_64' | 'ARM64';
  diskSizeGb: number;
}

export const images: ImageInfo[] = [
  {
    project: 'debian-cloud',
    family: 'debian-12',
    name: 'debian-12-bookworm-v20250610',
    description: 'Debian, Debian GNU/Linux, 12 (bookworm), amd64 built on 20250610',
    architecture: 'X86_64',
    diskSizeGb: 10,
  },
  {
    project: 'debian-cloud',
    family: 'debian-12-arm64',
    name: 'debian-12-bookworm-arm64-v20250610',
    description: 'Debian, Debian GNU/Linux, 12 (bookworm), arm64 built on 20250610',
    architecture: 'ARM64',
    diskSizeGb: 10,
  },
  {
    project: 'ubuntu-os-cloud',
    family: 'ubuntu-2404-lts-amd64',
    name: 'ubuntu-2404-noble-amd64-v20250606',
    description: 'Canonical, Ubuntu, 24.04 LTS, amd64 noble image built on 2025-06-06',
    architecture: 'X86_64',
    diskSizeGb: 10,
  },
  {
    project: 'rocky-linux-cloud',
    family: 'rocky-linux-9',
    name: 'rocky-linux-9-v20250610',
    description: 'Rocky Linux, Rocky Linux, 9, x86_64 built on 20250610',
    architecture: 'X86_64',
    diskSizeGb: 20,
  },
];
