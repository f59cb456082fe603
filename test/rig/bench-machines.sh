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
  up_docker_machines up-bench 'benchmark machine(s)' "$BENCH_NAME_PREFIX" "$BENCH_FIRST_HOST" "$BENCH_MACHINES" 0
}
