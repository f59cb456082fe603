import type { HostSystem } from '../../../shared/index.js';
import { SCRIPT_PRELUDE, shQuote } from './shell-quote.js';

// Waits for the engine to answer on its socket, up to a minute (a first start on vfs may take a while).
const WAIT_ENGINE = `wait_engine() {
  i=0
  until docker info >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -ge 60 ]; then
      echo "Docker did not answer within 60 s; its last log lines:" >&2
      if [ -f /var/log/dockerd.log ]; then tail -n 15 /var/log/dockerd.log >&2
      elif command -v journalctl >/dev/null 2>&1; then journalctl -u docker.service -n 15 --no-pager >&2 || true
      fi
      return 1
    fi
    sleep 1
  done
}`;

// Each sets `did` to what it did, in words for the log and the report ('' when nothing), and
// `enabled` when it made the service start at boot.
const SYSTEMD = `did=''
enabled=''
if ! systemctl is-enabled --quiet docker.service 2>/dev/null; then systemctl enable docker.service; enabled=yes; fi
if ! systemctl is-active --quiet docker.service; then systemctl start docker.service; did='Started the Docker service'
elif [ "$RESTART" = yes ]; then systemctl restart docker.service; did='Restarted the Docker service for the new daemon.json'; fi`;

const OPENRC = `did=''
enabled=''
if ! rc-update show default 2>/dev/null | grep -qw docker; then rc-update add docker default; enabled=yes; fi
if ! rc-service docker status >/dev/null 2>&1; then rc-service docker start; did='Started the Docker service'
elif [ "$RESTART" = yes ]; then rc-service docker restart; did='Restarted the Docker service for the new daemon.json'; fi`;

// No init system manages services here (a container-like machine, sshd as PID 1): run dockerd
// ourselves, in its own session with every descriptor redirected, so it outlives this SSH
// command. Nothing would start it again after a reboot: the report says so.
const NO_INIT = `NO_INIT_NOTE='(no init system runs here: dockerd runs on its own, its log in /var/log/dockerd.log, and nothing starts it again after a reboot)'
dockerd_pid() {
  for f in /proc/[0-9]*/comm; do
    if [ "$(cat "$f" 2>/dev/null)" = dockerd ]; then p=\${f#/proc/}; echo "\${p%/comm}"; return 0; fi
  done
  return 1
}
start_dockerd() {
  rm -f /var/run/docker.pid
  if command -v setsid >/dev/null 2>&1; then
    setsid nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
  else
    nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
  fi
}
did=''
enabled=''
if pid=$(dockerd_pid); then
  if [ "$RESTART" = yes ]; then
    kill "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null; do
      i=$((i + 1)); if [ "$i" -ge 30 ]; then kill -9 "$pid" 2>/dev/null || true; fi; sleep 1
    done
    start_dockerd; did="Restarted dockerd for the new daemon.json \${NO_INIT_NOTE}"
  fi
else
  start_dockerd; did="Started dockerd \${NO_INIT_NOTE}"
fi`;

/** The "service" step: enabled and started; restarted only when `restart` (the config changed). */
export function serviceScript(init: HostSystem['init'], restart: boolean): string {
  const body = init === 'systemd' ? SYSTEMD : init === 'openrc' ? OPENRC : NO_INIT;
  return [
    '#!/bin/sh',
    SCRIPT_PRELUDE,
    `RESTART=${restart ? 'yes' : 'no'}`,
    WAIT_ENGINE,
    body,
    'wait_engine',
    'if [ -n "$enabled" ]; then',
    '  if [ -n "$did" ]; then did="$did and enabled it at boot"; else did="Enabled the Docker service at boot (it was already running)"; fi',
    'fi',
    'if [ -n "$did" ]; then echo "@crossdock changed $did"; else echo "@crossdock unchanged The Docker service is already enabled and running"; fi',
    '',
  ].join('\n');
}

/** The "docker-group" step: the login user may use Docker without sudo (from its next login). */
export function groupScript(user: string): string {
  return [
    '#!/bin/sh',
    SCRIPT_PRELUDE,
    `LOGIN_USER=${shQuote(user)}`,
    'if ! getent group docker >/dev/null 2>&1; then groupadd docker 2>/dev/null || addgroup -S docker; fi',
    'if id -nG "$LOGIN_USER" | tr " " "\\n" | grep -qx docker; then',
    '  echo "@crossdock unchanged $LOGIN_USER is already in the docker group"',
    'else',
    // BusyBox (Alpine) has addgroup USER GROUP rather than usermod.
    '  if command -v usermod >/dev/null 2>&1; then usermod -aG docker "$LOGIN_USER"; else addgroup "$LOGIN_USER" docker; fi',
    '  echo "@crossdock changed Added $LOGIN_USER to the docker group"',
    'fi',
    '',
  ].join('\n');
}

/** Prints daemon.json (if any) between markers, and the file system type under /var/lib/docker. */
export function daemonFactsScript(): string {
  return [
    '#!/bin/sh',
    SCRIPT_PRELUDE,
    'if [ -f /etc/docker/daemon.json ]; then echo "@crossdock file-begin"; cat /etc/docker/daemon.json; echo; echo "@crossdock file-end"; fi',
    'd=/var/lib/docker',
    'while [ ! -d "$d" ]; do d=$(dirname "$d"); done',
    'echo "@crossdock backing-fs $(stat -f -c %T "$d" 2>/dev/null || echo unknown)"',
    '',
  ].join('\n');
}

/** Writes daemon.json atomically (temporary file, then rename), keeping its mode 0644. */
export function daemonWriteScript(json: string): string {
  if (json.includes('CROSSDOCK_DAEMON_JSON')) throw new Error('daemon.json content contains the heredoc delimiter');
  return [
    '#!/bin/sh',
    SCRIPT_PRELUDE,
    'install -m 0755 -d /etc/docker',
    "cat >/etc/docker/daemon.json.crossdock <<'CROSSDOCK_DAEMON_JSON'",
    json.trimEnd(),
    'CROSSDOCK_DAEMON_JSON',
    'chmod 0644 /etc/docker/daemon.json.crossdock',
    'mv /etc/docker/daemon.json.crossdock /etc/docker/daemon.json',
    '',
  ].join('\n');
}

/** Stops a cancelled script: its whole process tree, children first (found through /proc). */
export function killTreeScript(pid: number): string {
  return [
    '#!/bin/sh',
    'children() {',
    '  for s in /proc/[0-9]*/stat; do',
    '    { read -r cpid _ _ ppid _ <"$s"; } 2>/dev/null || continue',
    '    if [ "$ppid" = "$1" ]; then echo "$cpid"; fi',
    '  done',
    '}',
    'kill_tree() {',
    '  kill -STOP "$1" 2>/dev/null || true',
    '  for c in $(children "$1"); do kill_tree "$c"; done',
    '  kill -TERM "$1" 2>/dev/null || true',
    '  kill -CONT "$1" 2>/dev/null || true',
    '}',
    `kill_tree ${Math.trunc(pid)}`,
    '',
  ].join('\n');
}
