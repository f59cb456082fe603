#!/usr/bin/env bash
# The test rig: Debian 12 "machines" (containers that answer real SSH) on a private Docker
# network, for integration tests of bootstrap, deploy and migration. See test/rig/README.md.
#
#   rig.sh install | base | image | up N | up-docker N | up-bench | registry | fresh N | down | status
#
# Every step is idempotent and cached. Progress goes to stderr; `up` prints one JSON line on
# stdout (the last line), which test/integration/global-setup.ts parses.
set -euo pipefail

RIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_DIR="$RIG_DIR/.state"
KEY="$STATE_DIR/id_ed25519"

BASE_IMAGE=debian:12
MACHINE_IMAGE=crossdock-test-machine:latest
NETWORK=crossdock-test
# Our own bridge network: every address the rig (and its tests) talks to is in it.
SUBNET=10.213.0.0/24
GATEWAY=10.213.0.1
ADDRESS_PREFIX=10.213.0.
FIRST_HOST=11
MAX_MACHINES=50
NAME_PREFIX=crossdock-test-
MACHINE_LABEL=crossdock.rig.machine
INPUTS_LABEL=crossdock.rig.inputs
PACKAGES=(docker.io debootstrap openssh-client chromium iproute2 shellcheck docker-registry apache2-utils openssl curl)
SSH_WAIT_SECONDS=60
DOCKERD_WAIT_SECONDS=60
IMAGE_REBUILT=0

# Machines run with all capabilities but SYS_RESOURCE (which the sandbox lacks, so
# --privileged fails), and with the host's cgroups so Docker can run inside them.
MACHINE_RUN_OPTS=(
  --cap-add ALL --cap-drop SYS_RESOURCE
  --security-opt seccomp=unconfined --security-opt apparmor=unconfined
  --cgroupns host -v /sys/fs/cgroup:/sys/fs/cgroup:rw
  --tmpfs /run --tmpfs /tmp
)

# Machines with their own Docker engine: `up-docker` and what it needs.
# shellcheck source-path=SCRIPTDIR source=docker-machines.sh
source "$RIG_DIR/docker-machines.sh"
# Fresh machines made anew on every call: `fresh N`.
# shellcheck source-path=SCRIPTDIR source=fresh-machines.sh
source "$RIG_DIR/fresh-machines.sh"
# The benchmarks' own two Docker machines: `up-bench`.
# shellcheck source-path=SCRIPTDIR source=bench-machines.sh
source "$RIG_DIR/bench-machines.sh"
# The registry on the rig gateway: `registry`, and part of `up-docker` and `up-bench`.
# shellcheck source-path=SCRIPTDIR source=registry.sh
source "$RIG_DIR/registry.sh"

log() { printf 'rig: %s\n' "$*" >&2; }
die() { printf 'rig: error: %s\n' "$*" >&2; exit 1; }

# Prints the last lines of a log file to stderr, so a failure shows its cause.
show_tail() { log "last lines of $1:"; tail -n 25 "$1" | sed 's/^/  | /' >&2 || true; }

docker_answers() { docker info >/dev/null 2>&1; }

# --- install -----------------------------------------------------------------------------

cmd_install() {
  local pkg missing=()
  for pkg in "${PACKAGES[@]}"; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      log "package $pkg: present"
    else
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get, log in $STATE_DIR/apt.log)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; } \
      >"$STATE_DIR/apt.log" 2>&1; then
      show_tail "$STATE_DIR/apt.log"
      die "apt-get install ${missing[*]} failed"
    fi
    log "installed ${missing[*]}"
  fi
  install_compose
  start_docker
}

# docker compose v2 (the Go implementation) is the conformance tests' oracle. Debian 12 only has
# the old Python docker-compose 1.29, so take Debian 13's 2.26 from the host's own mirror: a
# trixie source whose packages apt never prefers (pin priority 1: nothing installed is upgraded
# and nothing is taken from trixie unless asked), except docker-compose itself. It depends only
# on libc6; --no-install-recommends keeps out trixie's docker-cli, which would break docker.io 20.10.
# It installs the CLI plugin (docker compose) and /usr/bin/docker-compose.
COMPOSE_SOURCES=/etc/apt/sources.list.d/trixie-for-compose.sources
COMPOSE_PIN=/etc/apt/preferences.d/trixie-for-compose
install_compose() {
  if docker-compose version 2>/dev/null | grep -q 'version v\?2\.'; then
    log "docker compose: present ($(docker-compose version --short 2>/dev/null))"
    return
  fi
  local mirror
  mirror=$(host_mirror)
  [[ -n $mirror ]] || die "no Debian mirror found in the host's apt sources"
  log "docker compose: installing docker-compose from trixie (pinned, log in $STATE_DIR/apt.log)"
  printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" >"$COMPOSE_SOURCES"
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 1\n\nPackage: docker-compose\nPin: release n=trixie\nPin-Priority: 500\n' \
    >"$COMPOSE_PIN"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    docker-compose; } >>"$STATE_DIR/apt.log" 2>&1; then
    show_tail "$STATE_DIR/apt.log"
    die "apt-get install docker-compose (trixie) failed"
  fi
  log "docker compose: installed $(docker-compose version --short)"
}

start_docker() {
  local dockerd_pid=""
  if docker_answers; then
    log "docker: running"
    return
  fi
  if [[ -d /run/systemd/system ]]; then
    # A real init is running: let it own the daemon.
    log "docker: starting with systemctl"
    systemctl start docker
  else
    # No init system here (PID 1 is the sandbox's own process), so run dockerd directly, in its
    # own session so it outlives this script and whatever test runner called it.
    log "docker: starting dockerd (log in $STATE_DIR/dockerd.log)"
    # fd 9 is closed for it: it holds this script's lock, which dockerd must not keep.
    setsid nohup dockerd >"$STATE_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
    dockerd_pid=$!
  fi
  local waited=0
  until docker_answers; do
    if ((waited >= DOCKERD_WAIT_SECONDS)) || { [[ -n ${dockerd_pid:-} ]] && ! kill -0 "$dockerd_pid" 2>/dev/null; }; then
      [[ -f $STATE_DIR/dockerd.log ]] && show_tail "$STATE_DIR/dockerd.log"
      die "docker did not answer (waited ${waited}s)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "docker: started in ${waited}s (storage driver $(docker info -f '{{.Driver}}'))"
}

# --- base --------------------------------------------------------------------------------

# Prints "SUITE URI" for every enabled binary (deb) source the host's apt uses, from both the
# deb822 files (*.sources) and the one-line format (sources.list, *.list).
host_apt_sources() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk '
      function flush(  i, j, u, s, nu, ns) {
        if (types ~ /(^| )deb( |$)/ && enabled != "no") {
          nu = split(uris, u, " "); ns = split(suites, s, " ")
          for (i = 1; i <= ns; i++) for (j = 1; j <= nu; j++) print s[i], u[j]
        }
        types = uris = suites = enabled = ""
      }
      /^[[:space:]]*$/ { flush(); next }
      /^#/ { next }
      { key = tolower($1); $1 = "" }
      key == "types:" { types = $0 }
      key == "uris:" { uris = $0 }
      key == "suites:" { suites = $0 }
      key == "enabled:" { enabled = tolower($2) }
      END { flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    # deb [options] URI SUITE COMPONENTS...
    awk '$1 == "deb" {
      i = 2
      if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
      print $(i + 1), $i
    }' "$f"
  done
}

# The main archive is the entry whose suite is a plain release name (bookworm, stable), the
# security archive the one whose suite ends in -security.
host_mirror() {
  host_apt_sources | awk '$1 !~ /[-\/]/ { print $2; exit }'
}
host_security_mirror() {
  host_apt_sources | awk '$1 ~ /-security$/ { print $2; exit }'
}

# Deletes a debootstrap tree. A killed debootstrap can leave /proc, /sys or bound /dev nodes
# mounted inside it: unmount those first, and never let rm cross into another file system.
remove_rootfs() {
  local dir=$1 mnt
  [[ -d $dir ]] || return 0
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | LC_ALL=C sort -r |
    while read -r mnt; do umount -l "$mnt" || true; done
  rm -rf --one-file-system "$dir"
}

cmd_base() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "image $BASE_IMAGE: present"
    return
  fi
  local mirror security rootfs candidate=crossdock-rig-base:candidate started=$SECONDS
  mirror="$(host_mirror)"
  security="$(host_security_mirror)"
  [[ -n $mirror ]] || die "no Debian mirror found in the host's apt sources"
  rootfs="$STATE_DIR/base-rootfs"
  remove_rootfs "$rootfs"
  log "image $BASE_IMAGE: debootstrap bookworm from $mirror (about 40-70 s, log in $STATE_DIR/debootstrap.log)"
  if ! debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$STATE_DIR/debootstrap.log" 2>&1; then
    show_tail "$STATE_DIR/debootstrap.log"
    remove_rootfs "$rootfs"
    die "debootstrap failed"
  fi
  configure_base_rootfs "$rootfs" "$mirror" "$security"
  tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' - "$candidate" >/dev/null
  remove_rootfs "$rootfs"
  # Check the base can install packages before it is tagged, so a broken base is never cached.
  if ! docker run --rm "$candidate" apt-get update >"$STATE_DIR/base-check.log" 2>&1; then
    show_tail "$STATE_DIR/base-check.log"
    docker image rm "$candidate" >/dev/null
    die "apt-get update fails inside the new base image"
  fi
  docker tag "$candidate" "$BASE_IMAGE"
  docker image rm "$candidate" >/dev/null
  log "image $BASE_IMAGE: built in $((SECONDS - started))s"
}

# Makes a debootstrapped tree behave like the registry's debian:12 for `docker build`: apt
# sources in the deb822 form pointing at the host's mirror, services never started by package
# scripts, and no apt caches or lists left in the layer.
configure_base_rootfs() {
  local rootfs=$1 mirror=$2 security=$3
  rm -f "$rootfs/etc/apt/sources.list"
  {
    printf 'Types: deb\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\n' "$mirror"
    printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
    if [[ -n $security ]]; then
      printf '\nTypes: deb\nURIs: %s\nSuites: bookworm-security\nComponents: main\n' "$security"
      printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
    fi
  } >"$rootfs/etc/apt/sources.list.d/debian.sources"
  printf '#!/bin/sh\n# No init system in a container: package scripts must not start services.\nexit 101\n' \
    >"$rootfs/usr/sbin/policy-rc.d"
  chmod 0755 "$rootfs/usr/sbin/policy-rc.d"
  printf 'Acquire::Languages "none";\n' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin
}

# --- image -------------------------------------------------------------------------------

ensure_key() {
  if [[ ! -f $KEY ]]; then
    ssh-keygen -q -t ed25519 -N '' -C crossdock-rig -f "$KEY"
    log "key: generated $KEY"
  fi
}

# Hash of everything the machine image is made from: its files, the test key and the base.
machine_inputs_hash() {
  {
    # The key by content only: its path differs between checkouts sharing one .state (worktrees),
    # and a path in the hash made each checkout rebuild the image and replace every machine.
    (cd "$RIG_DIR/machine" && find . -type f | LC_ALL=C sort | xargs sha256sum)
    sha256sum <"$KEY.pub"
    docker image inspect -f '{{.Id}}' "$BASE_IMAGE"
  } | sha256sum | cut -c1-16
}

# True (and says so) when IMAGE's label already holds INPUTS, a hash of what it is made from.
image_up_to_date() {
  local image=$1 inputs=$2 current
  current="$(docker image inspect -f "{{index .Config.Labels \"$INPUTS_LABEL\"}}" "$image" 2>/dev/null || true)"
  [[ $current == "$inputs" ]] || return 1
  log "image $image: up to date ($inputs)"
}

# Builds IMAGE from the directory DIR, labelled with INPUTS. Log in .state/<LOG>.
build_labeled_image() {
  local image=$1 dir=$2 inputs=$3 log_file="$STATE_DIR/$4" started=$SECONDS
  log "image $image: building ($inputs, log in $log_file)"
  # Without the buildx plugin, the docker CLI refuses to use BuildKit; the classic builder
  # handles these plain Dockerfiles fine.
  local buildkit=1
  docker buildx version >/dev/null 2>&1 || buildkit=0
  if ! DOCKER_BUILDKIT=$buildkit docker build --label "$INPUTS_LABEL=$inputs" -t "$image" "$dir" \
    >"$log_file" 2>&1; then
    show_tail "$log_file"
    die "docker build of $image failed"
  fi
  IMAGE_REBUILT=1
  log "image $image: built in $((SECONDS - started))s"
}

cmd_image() {
  ensure_key
  local hash context="$STATE_DIR/machine-context"
  hash="$(machine_inputs_hash)"
  if image_up_to_date "$MACHINE_IMAGE" "$hash"; then return; fi
  # The image's authorized_keys is the rig's key, copied in next to the machine's files.
  rm -rf "$context"
  cp -r "$RIG_DIR/machine" "$context"
  cp "$KEY.pub" "$context/authorized_keys"
  build_labeled_image "$MACHINE_IMAGE" "$context" "$hash" image-build.log
  rm -rf "$context"
}

# Removes machine images that a rebuild left untagged, once no machine uses them.
prune_old_images() {
  docker image prune -f --filter "label=$INPUTS_LABEL" >/dev/null
}

# --- up / down / status ------------------------------------------------------------------

ensure_network() {
  local subnet
  if subnet="$(docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' "$NETWORK" 2>/dev/null)"; then
    [[ $subnet == "$SUBNET" ]] || die "network $NETWORK exists with subnet '$subnet', not $SUBNET; run: $0 down"
    log "network $NETWORK: present ($SUBNET)"
    return
  fi
  docker network create --driver bridge --subnet "$SUBNET" --gateway "$GATEWAY" \
    --label "$MACHINE_LABEL=network" "$NETWORK" >/dev/null
  log "network $NETWORK: created ($SUBNET)"
}

# Starts machine NAME at ADDRESS unless it already runs from the current image at that address.
# A stopped machine from the current image is started again (keeping its host keys and files,
# like a VM reboot); one from an older image or at another address is replaced.
# Optional: IMAGE (default the plain machine image), then extra `docker run` options.
ensure_machine() {
  local name=$1 address=$2 machine_image=${3:-$MACHINE_IMAGE} image_id state
  shift $(($# < 3 ? $# : 3))
  image_id="$(docker image inspect -f '{{.Id}}' "$machine_image")"
  state="$(docker inspect -f "{{.State.Running}} {{.Image}} {{with index .NetworkSettings.Networks \"$NETWORK\"}}{{with .IPAMConfig}}{{.IPv4Address}}{{end}}{{end}}" "$name" 2>/dev/null || true)"
  if [[ -n $state ]]; then
    local running image ip
    read -r running image ip <<<"$state"
    if [[ $image == "$image_id" && $ip == "$address" ]]; then
      if [[ $running == true ]]; then
        log "machine $name: running at $address"
      else
        docker start "$name" >/dev/null
        log "machine $name: restarted at $address"
      fi
      return
    fi
    log "machine $name: replacing (older image or other address)"
    docker rm -f "$name" >/dev/null
  fi
  docker run -d --name "$name" --hostname "$name" --label "$MACHINE_LABEL=$name" \
    --network "$NETWORK" --ip "$address" "${MACHINE_RUN_OPTS[@]}" "$@" "$machine_image" >/dev/null
  log "machine $name: started at $address"
}

ssh_machine() {
  local user=$1 address=$2
  shift 2
  ssh -F /dev/null -i "$KEY" -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=3 \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    "$user@$address" "$@"
}

wait_for_ssh() {
  local name=$1 address=$2 deadline=$((SECONDS + SSH_WAIT_SECONDS))
  until ssh_machine root "$address" true </dev/null 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      docker logs --tail 20 "$name" >&2 || true
      die "machine $name: no SSH answer at $address within ${SSH_WAIT_SECONDS}s"
    fi
    sleep 0.3
  done
  # The JSON promises both users; check the non-root one and its sudo once too.
  ssh_machine tester "$address" sudo -n true </dev/null ||
    die "machine $name: tester cannot log in or sudo"
}

# Prints COUNT, the N of `rig.sh COMMAND N`, as a plain decimal when it is a whole number from 1
# to MAX; otherwise stops with the command's usage.
machine_count() {
  local count=$1 max=$2 command=$3
  if ! [[ $count =~ ^[0-9]+$ ]] || ((10#$count < 1 || 10#$count > max)); then
    die "usage: $0 $command N (N from 1 to $max)"
  fi
  echo $((10#$count))
}

# Brings up COUNT plain machines PREFIX1..PREFIXCOUNT at consecutive addresses from .FIRST_HOST:
# each kept, started or replaced as ensure_machine decides, or removed and made anew when FRESH is
# 1. Waits for their SSH and prints the JSON line; COMMAND and WHAT name them in the log.
up_plain_machines() {
  local command=$1 what=$2 prefix=$3 first_host=$4 count=$5 fresh=$6
  local started=$SECONDS i name address json=""
  cmd_install
  cmd_base
  cmd_image
  ensure_network
  for ((i = 1; i <= count; i++)); do
    name="$prefix$i"
    if ((fresh)); then docker rm -f "$name" >/dev/null 2>&1 || true; fi
    ensure_machine "$name" "$ADDRESS_PREFIX$((first_host + i - 1))"
  done
  for ((i = 1; i <= count; i++)); do
    name="$prefix$i"
    address="$ADDRESS_PREFIX$((first_host + i - 1))"
    wait_for_ssh "$name" "$address"
    json+="${json:+, }{\"name\": \"$name\", \"address\": \"$address\", \"port\": 22, \"users\": [\"root\", \"tester\"]}"
  done
  if ((IMAGE_REBUILT)); then prune_old_images; fi
  log "$command: $count $what answer SSH (took $((SECONDS - started))s)"
  printf '{"keyPath": "%s", "machines": [%s]}\n' "$KEY" "$json"
}

cmd_up() {
  local count
  count="$(machine_count "${1:-}" "$MAX_MACHINES" up)"
  up_plain_machines up 'machine(s)' "$NAME_PREFIX" "$FIRST_HOST" "$count" 0
}

cmd_down() {
  if ! docker_answers; then
    log "docker is not running: nothing to remove"
    return
  fi
  local ids
  ids="$(docker ps -aq --filter "label=$MACHINE_LABEL")"
  if [[ -n $ids ]]; then
    # shellcheck disable=SC2086 # one id per word
    docker rm -f $ids >/dev/null
    log "machines: removed $(wc -w <<<"$ids")"
  else
    log "machines: none"
  fi
  prune_old_images
  if docker network inspect "$NETWORK" >/dev/null 2>&1; then
    docker network rm "$NETWORK" >/dev/null
    log "network $NETWORK: removed"
  else
    log "network $NETWORK: none"
  fi
}

cmd_status() {
  if ! docker_answers; then
    echo "docker: not answering (run: $0 install)"
    return
  fi
  echo "docker: running, storage driver $(docker info -f '{{.Driver}}')"
  local image
  for image in "$BASE_IMAGE" "$MACHINE_IMAGE" "$DOCKER_MACHINE_IMAGE" "$TEST_IMAGE"; do
    if docker image inspect "$image" >/dev/null 2>&1; then
      echo "image $image: $(docker image inspect -f '{{.Id}} {{.Size}} bytes' "$image")"
    else
      echo "image $image: absent"
    fi
  done
  if docker network inspect "$NETWORK" >/dev/null 2>&1; then
    echo "network $NETWORK: $SUBNET"
  else
    echo "network $NETWORK: absent"
  fi
  if [[ -f $KEY ]]; then echo "key: $KEY"; else echo "key: absent"; fi
  docker ps -a --filter "label=$MACHINE_LABEL" \
    --format "machine {{.Names}}: {{.Status}} {{.Networks}}" | LC_ALL=C sort -V
}

main() {
  mkdir -p "$STATE_DIR"
  # One rig.sh at a time: two test runs starting at once must not race to build or start the
  # same machines.
  exec 9>"$STATE_DIR/lock"
  flock -w 900 9 || die "another rig.sh holds $STATE_DIR/lock"
  case "${1:-}" in
    install) cmd_install ;;
    base) cmd_install && cmd_base ;;
    image) cmd_install && cmd_base && cmd_image ;;
    up) cmd_up "${2:-}" ;;
    up-docker) cmd_up_docker "${2:-}" ;;
    up-bench) cmd_up_bench ;;
    registry) cmd_registry ;;
    fresh) cmd_fresh "${2:-}" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    *) die "usage: $0 install | base | image | up N | up-docker N | up-bench | registry | fresh N | down | status" ;;
  esac
}

main "$@"
