# shellcheck shell=bash
# Two Docker machines of the benchmarks' own: `rig.sh up-bench`. Benchmarks that move gigabytes
# between hosts (bench/migrate) run while the test suite uses crossdock-docker-1..9, so they get
# machines no test touches: crossdock-bench-1 and -2 at 10.213.0.111 and .112 (`up` uses .11-.60,
# `fresh` .61-.80, `up-docker` .101-.110, the cloud emulators .150-.189). Same image, run
# options and label as the `up-docker` machines. Sourced by rig.sh, after docker-machines.sh.

BENCH_NAME_PREFIX=crossdock-bench-
BENCH_FIRST_HOST=111
BENCH_MACHINES=2

cmd_up_bench() {
  local started=$SECONDS i name address json="" names=() addresses=()
  cmd_install
  cmd_base
  cmd_image
  cmd_docker_images
  ensure_network
  for ((i = 1; i <= BENCH_MACHINES; i++)); do
    names+=("$BENCH_NAME_PREFIX$i")
    addresses+=("$ADDRESS_PREFIX$((BENCH_FIRST_HOST + i - 1))")
    ensure_machine "${names[-1]}" "${addresses[-1]}" "$DOCKER_MACHINE_IMAGE"
  done
  for i in "${!names[@]}"; do
    name=${names[i]}
    address=${addresses[i]}
    wait_for_ssh "$name" "$address"
    wait_for_docker "$name"
    load_test_image "$name"
    json+="${json:+, }$(docker_machine_json "$name" "$address" true)"
  done
  if ((IMAGE_REBUILT)); then prune_old_images; fi
  log "up-bench: ${#names[@]} benchmark machine(s) with Docker answer SSH (took $((SECONDS - started))s)"
  printf '{"keyPath": "%s", "testImage": "%s", "machines": [%s]}\n' "$KEY" "$TEST_IMAGE" "$json"
}
