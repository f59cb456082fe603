# shellcheck shell=bash
# Machines that run their own Docker engine: `rig.sh up-docker N`. Sourced by rig.sh, whose
# constants and helpers (log, die, ensure_machine, wait_for_ssh, ...) are used here.
# See "Machines with Docker" in test/rig/README.md.

# At addresses `up` never reaches (`up` may use .11 to .60), plus one machine whose sshd
# forbids stream-local forwarding.
DOCKER_MACHINE_IMAGE=crossdock-test-docker:latest
TEST_IMAGE=crossdock-test-tiny:latest
DOCKER_NAME_PREFIX=crossdock-docker-
DOCKER_FIRST_HOST=101
MAX_DOCKER_MACHINES=9
NOFWD_NAME=crossdock-docker-nofwd
NOFWD_ADDRESS=10.213.0.110
DOCKER_USERS='"root", "tester", "deployer"'

# Builds IMAGE from the directory DIR unless its label already holds INPUTS (a hash of what the
# image is made from). Log in .state/<LOG>.
ensure_labeled_image() {
  image_up_to_date "$1" "$3" || build_labeled_image "$@"
}

# Hash of a directory's files plus the id of the image it builds FROM.
dir_inputs_hash() {
  local dir=$1 from=$2
  {
    (cd "$dir" && find . -type f | LC_ALL=C sort | xargs sha256sum)
    docker image inspect -f '{{.Id}}' "$from"
  } | sha256sum | cut -c1-16
}

cmd_docker_images() {
  ensure_labeled_image "$DOCKER_MACHINE_IMAGE" "$RIG_DIR/machine-docker" \
    "$(dir_inputs_hash "$RIG_DIR/machine-docker" "$MACHINE_IMAGE")" docker-image-build.log
  ensure_labeled_image "$TEST_IMAGE" "$RIG_DIR/tiny-image" \
    "$(dir_inputs_hash "$RIG_DIR/tiny-image" "$BASE_IMAGE")" test-image-build.log
}

# Waits until the machine's own dockerd answers (it starts next to sshd, in the background).
wait_for_docker() {
  local name=$1 deadline=$((SECONDS + DOCKERD_WAIT_SECONDS))
  until docker exec "$name" docker info >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      docker exec "$name" tail -n 20 /var/log/dockerd.log >&2 || true
      die "machine $name: its dockerd did not answer within ${DOCKERD_WAIT_SECONDS}s"
    fi
    sleep 0.3
  done
}

# Loads the test image into the machine's engine unless that engine already has the same image
# (no registry is reachable: `docker save | docker load`, about 2 MB).
load_test_image() {
  local name=$1 want have
  want="$(docker image inspect -f '{{.Id}}' "$TEST_IMAGE")"
  have="$(docker exec "$name" docker image inspect -f '{{.Id}}' "$TEST_IMAGE" 2>/dev/null || true)"
  if [[ $have == "$want" ]]; then
    log "machine $name: has $TEST_IMAGE"
    return
  fi
  docker save "$TEST_IMAGE" | docker exec -i "$name" docker load >/dev/null
  log "machine $name: loaded $TEST_IMAGE"
}

# Prints one machine's JSON object.
docker_machine_json() {
  local name=$1 address=$2 stream_local=$3
  printf '{"name": "%s", "address": "%s", "port": 22, "users": [%s], "streamLocalForwarding": %s}' \
    "$name" "$address" "$DOCKER_USERS" "$stream_local"
}

# Brings up COUNT Docker machines PREFIX1..PREFIXCOUNT at consecutive addresses from .FIRST_HOST
# (each kept, started or replaced as ensure_machine decides), plus the no-forwarding machine when
# WITH_NOFWD is 1; waits for their SSH and engines, loads the test image and prints the JSON line.
# COMMAND and WHAT name the rig command and its machines in the closing log line.
up_docker_machines() {
  local command=$1 what=$2 prefix=$3 first_host=$4 count=$5 with_nofwd=$6
  local started=$SECONDS i name address stream_local json="" names=() addresses=()
  cmd_install
  cmd_base
  cmd_image
  cmd_docker_images
  ensure_network
  ensure_registry
  for ((i = 1; i <= count; i++)); do
    names+=("$prefix$i")
    addresses+=("$ADDRESS_PREFIX$((first_host + i - 1))")
    ensure_machine "${names[-1]}" "${addresses[-1]}" "$DOCKER_MACHINE_IMAGE"
  done
  if ((with_nofwd)); then
    ensure_machine "$NOFWD_NAME" "$NOFWD_ADDRESS" "$DOCKER_MACHINE_IMAGE" -e CROSSDOCK_RIG_STREAM_LOCAL=no
    names+=("$NOFWD_NAME")
    addresses+=("$NOFWD_ADDRESS")
  fi
  for i in "${!names[@]}"; do
    name=${names[i]}
    address=${addresses[i]}
    wait_for_ssh "$name" "$address"
    wait_for_docker "$name"
    load_test_image "$name"
    trust_registry "$name"
    stream_local=true
    [[ $name != "$NOFWD_NAME" ]] || stream_local=false
    json+="${json:+, }$(docker_machine_json "$name" "$address" "$stream_local")"
  done
  if ((IMAGE_REBUILT)); then prune_old_images; fi
  log "$command: ${#names[@]} $what with Docker answer SSH (took $((SECONDS - started))s)"
  printf '{"keyPath": "%s", "testImage": "%s", "registry": %s, "machines": [%s]}\n' \
    "$KEY" "$TEST_IMAGE" "$(registry_json)" "$json"
}

cmd_up_docker() {
  local count
  count="$(machine_count "${1:-}" "$MAX_DOCKER_MACHINES" up-docker)"
  # Always there, whatever N: the machine for the dial-stdio fallback.
  up_docker_machines up-docker 'machine(s)' "$DOCKER_NAME_PREFIX" "$DOCKER_FIRST_HOST" "$count" 1
}
