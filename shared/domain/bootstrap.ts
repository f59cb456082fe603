/** What Crossdock found on a host before installing anything. */
export interface HostSystem {
  /** os-release ID, e.g. `debian`, `ubuntu`, `rocky`, `amzn`, `opensuse-leap`, `alpine`, `arch`. */
  id: string;
  /** os-release ID_LIKE, split. */
  idLike: string[];
  /** os-release VERSION_ID (may be empty on rolling releases). */
  versionId: string;
  /** os-release PRETTY_NAME, for messages. */
  prettyName: string;
  /** `uname -m` normalised: `amd64`, `arm64`, or what uname said. */
  arch: string;
  init: 'systemd' | 'openrc' | 'other';
  packageManager: 'apt' | 'dnf' | 'yum' | 'zypper' | 'apk' | 'pacman' | null;
  /** How commands get root: already root, sudo without a password, sudo with one, or not at all. */
  privilege: 'root' | 'sudo' | 'sudo-password' | 'none';
  docker: { installed: boolean; version: string | null; running: boolean };
}

/** One step of a bootstrap, as reported at the end. */
export interface BootstrapStep {
  name: string;
  /** False when the step found everything already as it should be. */
  changed: boolean;
  detail: string;
}

/** The result of a bootstrap job (`JobInfo.result`), also what `crossdock bootstrap --json` prints. */
export interface BootstrapReport {
  os: string;
  version: string;
  arch: string;
  docker: { version: string; storageDriver: string };
  /** False when a second run found nothing to do. */
  changed: boolean;
  steps: BootstrapStep[];
}
