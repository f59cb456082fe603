import { CrossdockError } from '../../../shared/index.js';
import type { OsRelease } from './os-release.js';

export type PackageManager = 'apt' | 'dnf' | 'yum' | 'zypper' | 'apk' | 'pacman';

/** How Docker gets onto one kind of system. */
export interface InstallPlan {
  /** Which install script shape applies (see install-script.ts). */
  family: 'debian' | 'rhel' | 'fedora' | 'amazon' | 'suse' | 'alpine' | 'arch';
  packageManager: PackageManager;
  /** Docker's own repository, when Docker publishes one for this system and it is wanted. */
  upstream: { url: string; codename: string; packages: string[] } | null;
  /** The distribution's own package(s), when it ships Docker. */
  distribution: string[] | null;
}

/** What the UNSUPPORTED_OS error lists, in os-release ID terms. */
export const SUPPORTED_SYSTEMS = [
  'debian',
  'ubuntu',
  'raspbian',
  'rhel',
  'rocky',
  'almalinux',
  'centos (Stream)',
  'ol',
  'fedora',
  'amzn (2, 2023)',
  'sles',
  'opensuse-leap',
  'opensuse-tumbleweed',
  'alpine',
  'arch',
];
const SUPPORTED_ARCHES = ['amd64', 'arm64'];

const DOCKER_REPO = 'https://download.docker.com/linux';
const UPSTREAM_PACKAGES = [
  'docker-ce',
  'docker-ce-cli',
  'containerd.io',
  'docker-buildx-plugin',
  'docker-compose-plugin',
];
// Docker publishes RHEL packages under rhel/ and builds its centos/ repository for the rebuilds.
const RHEL_REBUILDS = new Set(['rocky', 'almalinux', 'centos', 'ol']);
const SUSE = new Set(['sles', 'opensuse-leap', 'opensuse-tumbleweed', 'opensuse']);

function upstream(path: string, codename = ''): InstallPlan['upstream'] {
  return { url: `${DOCKER_REPO}/${path}`, codename, packages: UPSTREAM_PACKAGES };
}

function majorVersion(os: OsRelease): number {
  return Number.parseInt(os.versionId.split('.')[0] ?? '', 10);
}

/** The plan for a system, Docker's packages preferred; null when the system is not supported. */
function planFor(os: OsRelease): InstallPlan | null {
  const id = os.id;
  if (id === 'debian' || id === 'ubuntu' || id === 'raspbian') {
    // Without a codename (testing, sid) there is no matching suite in Docker's repository.
    const repo = os.codename ? upstream(id, os.codename) : null;
    return { family: 'debian', packageManager: 'apt', upstream: repo, distribution: ['docker.io'] };
  }
  if (id === 'rhel' || RHEL_REBUILDS.has(id)) {
    const major = majorVersion(os);
    // CentOS Linux (not Stream) 7 and 8 are end of life; Stream reports 8, 9, 10.
    if (!(major >= 7) || (id === 'centos' && major < 8)) return null;
    const repo = id === 'rhel' ? upstream('rhel') : upstream('centos');
    // RHEL and its rebuilds ship Podman, not Docker: Docker's repository is the only source.
    return { family: 'rhel', packageManager: major >= 8 ? 'dnf' : 'yum', upstream: repo, distribution: null };
  }
  if (id === 'fedora')
    return { family: 'fedora', packageManager: 'dnf', upstream: upstream('fedora'), distribution: ['moby-engine'] };
  if (id === 'amzn') {
    // Docker publishes nothing for Amazon Linux; Amazon ships `docker` itself.
    if (os.versionId === '2')
      return { family: 'amazon', packageManager: 'yum', upstream: null, distribution: ['docker'] };
    if (majorVersion(os) >= 2023)
      return { family: 'amazon', packageManager: 'dnf', upstream: null, distribution: ['docker'] };
    return null;
  }
  // Docker's SLES repository is for s390x only; everywhere else SUSE's own `docker` it is.
  if (SUSE.has(id)) return { family: 'suse', packageManager: 'zypper', upstream: null, distribution: ['docker'] };
  if (id === 'alpine') return { family: 'alpine', packageManager: 'apk', upstream: null, distribution: ['docker'] };
  if (id === 'arch') return { family: 'arch', packageManager: 'pacman', upstream: null, distribution: ['docker'] };
  return null;
}

/** Throws UNSUPPORTED_OS naming what was found and what is supported. */
export function unsupported(os: OsRelease, arch: string, why: string): CrossdockError {
  return new CrossdockError(
    'UNSUPPORTED_OS',
    `${os.prettyName} (${os.id} ${os.versionId || 'rolling'}, ${arch}) ${why}. Supported: ${SUPPORTED_SYSTEMS.join(', ')} on ${SUPPORTED_ARCHES.join(' or ')}.`,
    {
      os: os.id,
      version: os.versionId,
      prettyName: os.prettyName,
      arch,
      supported: SUPPORTED_SYSTEMS,
    },
  );
}

/**
 * Chooses the install plan from os-release and the architecture. `distributionPackagesOnly`
 * drops Docker's repository; a system left with no source at all is unsupported.
 */
export function choosePlan(
  os: OsRelease,
  arch: string,
  options: { distributionPackagesOnly?: boolean | undefined } = {},
): InstallPlan {
  const archOk = SUPPORTED_ARCHES.includes(arch) || (os.id === 'raspbian' && arch === 'armhf');
  if (!archOk) throw unsupported(os, arch, 'has an architecture Crossdock does not install Docker on');
  const plan = planFor(os);
  if (!plan) throw unsupported(os, arch, 'is not a system Crossdock can install Docker on');
  if (options.distributionPackagesOnly) {
    if (!plan.distribution)
      throw unsupported(
        os,
        arch,
        "has no Docker package of its own (only Docker's repository), and distribution packages only was asked",
      );
    return { ...plan, upstream: null };
  }
  return plan;
}

/** `uname -m` in Docker's architecture names. */
export function normaliseArch(machine: string): string {
  const m = machine.trim();
  if (m === 'x86_64' || m === 'amd64') return 'amd64';
  if (m === 'aarch64' || m === 'arm64') return 'arm64';
  if (/^armv[67]/.test(m)) return 'armhf';
  return m;
}
