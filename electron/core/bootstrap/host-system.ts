import type { HostSystem } from '../../../shared/index.js';
import { normaliseArch } from './install-plans.js';
import { parseOsRelease, type OsRelease } from './os-release.js';

const MANAGERS: Record<string, HostSystem['packageManager']> = {
  'apt-get': 'apt',
  dnf: 'dnf',
  yum: 'yum',
  zypper: 'zypper',
  apk: 'apk',
  pacman: 'pacman',
};

/** What DETECT_SCRIPT printed, read into a HostSystem (plus the os-release fields plans need). */
export function parseDetectOutput(output: string): { system: HostSystem; os: OsRelease } {
  const begin = output.indexOf('@os-release-begin\n');
  const end = output.indexOf('@os-release-end');
  const os = parseOsRelease(begin >= 0 && end > begin ? output.slice(begin + 18, end) : '');
  const values = new Map<string, string>();
  for (const line of (end >= 0 ? output.slice(end) : output).split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const init = values.get('init');
  const sudo = values.get('sudo');
  const dockerd = values.get('dockerd');
  const privilege: HostSystem['privilege'] =
    values.get('uid') === '0' ? 'root' : sudo === 'nopasswd' ? 'sudo' : sudo === 'password' ? 'sudo-password' : 'none';
  const system: HostSystem = {
    id: os.id,
    idLike: os.idLike,
    versionId: os.versionId,
    prettyName: os.prettyName,
    arch: normaliseArch(values.get('machine') ?? ''),
    init: init === 'systemd' || init === 'openrc' ? init : 'other',
    packageManager: MANAGERS[values.get('pm') ?? ''] ?? null,
    privilege,
    docker: {
      installed: dockerd !== undefined,
      // "Docker version 20.10.24+dfsg1, build 297e128"
      version: dockerd ? (/version ([^\s,]+)/i.exec(dockerd)?.[1] ?? dockerd) : null,
      running: values.get('running') === 'yes',
    },
  };
  return { system, os };
}
