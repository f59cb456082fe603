# shellcheck shell=bash
# Fresh plain machines for tests that change a machine for good (bootstrap installs Docker):
# `rig.sh fresh N` removes machines crossdock-fresh-1..N and makes them again from the plain
# machine image, at 10.213.0.61.. (a range neither `up` nor `up-docker` uses). Sourced by rig.sh.

FRESH_NAME_PREFIX=crossdock-fresh-
FRESH_FIRST_HOST=61
MAX_FRESH_MACHINES=20

cmd_fresh() {
  local count
  count="$(machine_count "${1:-}" "$MAX_FRESH_MACHINES" fresh)"
  up_plain_machines fresh 'new machine(s)' "$FRESH_NAME_PREFIX" "$FRESH_FIRST_HOST" "$count" 1
}
