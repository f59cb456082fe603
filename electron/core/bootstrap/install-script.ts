import type { InstallPlan, PackageManager } from './install-plans.js';
import { SCRIPT_PRELUDE, shQuote } from './shell-quote.js';

// Script lines report to the job through markers on stdout (parsed by privileged-shell.ts):
//   @crossdock changed TEXT | @crossdock unchanged TEXT | @crossdock note TEXT
// Everything else is command output, streamed into the job log as it comes. Package names and
// URLs are written into the script quoted, so no shell variable is ever word-split.

const words = (list: string[]): string => list.map(shQuote).join(' ');

// Called in `if`, where `set -e` does not apply: every step is chained with &&.
const REACHABLE = `reachable() {
  if command -v curl >/dev/null 2>&1; then curl -fsS --max-time 10 -o /dev/null "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -T 10 -O /dev/null "$1"
  else
    # No HTTP client yet: when the repository is out of reach, name resolution is what fails first.
    getent hosts download.docker.com >/dev/null 2>&1
  fi
}`;

const APT_INSTALL = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold';

// The apt-get runs that install Docker report their progress: apt's status lines (dlstatus,
// pmstatus) go from descriptor 3 to stderr, after a `phase` marker on the same stream saying
// which run they belong to (read by package-progress.ts). stdout keeps apt's ordinary output.
const APT_PROGRESS = `apt_index() {
  echo '@crossdock phase index' >&2
  apt-get update -q -o APT::Status-Fd=3 3>&2
}
apt_install() {
  echo '@crossdock phase install' >&2
  ${APT_INSTALL} -o APT::Status-Fd=3 "$@" 3>&2
}`;

// dnf and yum number their downloads and actions in their ordinary output (package-progress.ts).
const RPM_PHASE = "echo '@crossdock phase install' >&2";

function distroInstall(pm: PackageManager, packages: string[]): string {
  const list = words(packages);
  switch (pm) {
    case 'apt':
      return `apt_index && apt_install ${list}`;
    // Amazon Linux 2 keeps Docker in an "extras" topic that must be enabled first.
    case 'dnf':
    case 'yum':
      return `if command -v amazon-linux-extras >/dev/null 2>&1; then amazon-linux-extras enable docker >/dev/null || true; fi\n  ${RPM_PHASE}\n  ${pm} install -y ${list}`;
    case 'zypper':
      return `zypper --non-interactive install ${list}`;
    case 'apk':
      return `apk add --update-cache ${list}`;
    // Arch supports no partial upgrades: installing a package means bringing the system up to date.
    case 'pacman':
      return `pacman -Syu --noconfirm --needed ${list}`;
  }
}

function upstreamFunctions(pm: PackageManager, upstream: NonNullable<InstallPlan['upstream']>): string {
  const url = shQuote(upstream.url);
  if (pm === 'apt') {
    return `install_upstream() {
  reachable ${shQuote(`${upstream.url}/gpg`)} &&
    apt-get update -q && ${APT_INSTALL} ca-certificates curl &&
    install -m 0755 -d /etc/apt/keyrings &&
    curl -fsSL --max-time 60 ${shQuote(`${upstream.url}/gpg`)} -o /etc/apt/keyrings/docker.asc &&
    chmod a+r /etc/apt/keyrings/docker.asc &&
    echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc] "${url}" "${shQuote(upstream.codename)}" stable" >/etc/apt/sources.list.d/docker.list &&
    apt_index && apt_install ${words(upstream.packages)}
}
remove_upstream() { rm -f /etc/apt/sources.list.d/docker.list /etc/apt/keyrings/docker.asc; }`;
  }
  return `install_upstream() {
  reachable ${shQuote(`${upstream.url}/gpg`)} &&
    { command -v curl >/dev/null 2>&1 || ${pm} install -y curl; } &&
    curl -fsSL --max-time 60 ${shQuote(`${upstream.url}/docker-ce.repo`)} -o /etc/yum.repos.d/docker-ce.repo &&
    ${RPM_PHASE} &&
    ${pm} install -y ${words(upstream.packages)}
}
remove_upstream() { rm -f /etc/yum.repos.d/docker-ce.repo; }`;
}

/**
 * The "packages" step: installs Docker unless `dockerd` is already there. Docker's repository
 * first when the plan has one; when it cannot be reached (or its install fails), the repository
 * is removed again and the distribution's package installed instead, and the log says so.
 */
export function installScript(plan: InstallPlan): string {
  const { upstream, distribution, packageManager: pm } = plan;
  const lines = [
    '#!/bin/sh',
    SCRIPT_PRELUDE,
    'if command -v dockerd >/dev/null 2>&1; then',
    '  echo "@crossdock unchanged Docker is already installed ($(dockerd --version 2>/dev/null || echo dockerd))"',
    '  exit 0',
    'fi',
  ];
  if (pm === 'apt') lines.push(APT_PROGRESS);
  const distroDone = distribution
    ? `echo ${shQuote(`@crossdock changed Installed the distribution's ${distribution.join(' ')}`)}`
    : '';
  if (upstream) {
    lines.push(REACHABLE, upstreamFunctions(pm, upstream));
    lines.push(
      'if install_upstream; then',
      `  echo ${shQuote(`@crossdock changed Installed Docker from Docker's repository ${upstream.url} (${upstream.packages.join(' ')})`)}`,
      '  exit 0',
      'fi',
      'remove_upstream',
    );
    if (!distribution) {
      lines.push(
        `echo ${shQuote(`@crossdock fail Docker's repository ${upstream.url} could not be reached or used, and this system ships no Docker package of its own`)} >&2`,
        'exit 3',
      );
      return `${lines.join('\n')}\n`;
    }
    lines.push(
      `echo ${shQuote(`@crossdock note Docker's repository ${upstream.url} could not be reached or used: installing the distribution's ${distribution.join(' ')} instead`)}`,
    );
  }
  if (distribution) lines.push(distroInstall(pm, distribution).replace(/^ {2}/gm, ''), distroDone);
  return `${lines.join('\n')}\n`;
}
