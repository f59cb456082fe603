# shellcheck shell=bash
# Fresh plain machines for tests that change a machine for good (bootstrap installs Docker):
# `rig.sh fresh N` removes machines crossdock-fresh-1..N and makes them again from the plain
# machine image, at 10.213.0.61.. (a range neither `up` nor `up-docker` uses). Sourced by rig.sh.

FRESH_NAME_PREFIX=crossdock-fresh-
FRESH_FIRST_HOST=61
MAX_FRESH_MACHINES=20

cmd_fresh() {
  local count=${1:-}
  if ! [[ $count =~ ^[0-9]+$ ]] || ((10#$count < 1 || 10#$count > MAX_FRESH_MACHINES)); then
    die "usage: $0 fresh N (N from 1 to $MAX_FRESH_MACHINES)"
  fi
  count=$((10#$count))
  local started=$SECONDS i name address json=""
  cmd_install
  cmd_base
  cmd_image
  ensure_network
  for ((i = 1; i <= count; i++)); do
    name="$FRESH_NAME_PREFIX$i"
    docker rm -f "$name" >/dev/null 2>&1 || true
    ensure_machine "$name" "$ADDRESS_PREFIX$((FRESH_FIRST_HOST + i - 1))"
  done
  for ((i = 1; i <= count; i++)); do
    name="$FRESH_NAME_PREFIX$i"
    address="$ADDRESS_PREFIX$((FRESH_FIRST_HOST + i - 1))"
    wait_for_ssh "$name" "$address"
    json+="${json:+, }{\"name\": \"$name\", \"address\": \"$address\", \"port\": 22, \"users\": [\"root\", \"tester\"]}"
  done
  log "fresh: $count new machine(s) answer SSH (took $((SECONDS - started))s)"
  printf '{"keyPath": "%s", "machines": [%s]}\n' "$KEY" "$json"
}
