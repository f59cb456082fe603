// Benchmark: how fast the `crossdock` command starts and answers, in one run.
//   `crossdock --version` and `crossdock help` against a bare `node -e 0` (target ≤ 1.5×);
//   `crossdock ps --json` over 5 hosts against a `docker -H ssh://HOST ps` loop over the same
//   hosts (target ≤ 0.5×). Every command is a fresh process, as a user runs it; `crossdock` is
//   bin/crossdock.mjs, which a `crossdock` on PATH (npm link) runs. The commands take turns, round
//   after round, so a burst of load elsewhere on the machine hits all of them alike; each figure
//   is the median of its rounds. Run: npm run bench:cli
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCore } from '../../electron/core/create-core.js';
import { addRigHosts, BENCH_PASSPHRASE, dockerPsLoop, upRigHosts } from '../docker-over-ssh/rig-hosts.js';

const run = promisify(execFile);
const HOSTS = 5;
const QUICK_ROUNDS = 30;
const PS_ROUNDS = 10;
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'crossdock.mjs');

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs rounds of `actions` in turn; returns each action's median time in ms. */
async function medians<K extends string>(
  rounds: number,
  actions: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number>> {
  const names = Object.keys(actions) as K[];
  const times = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) times.get(name)!.push(await timed(actions[name]));
  }
  return Object.fromEntries(names.map((name) => [name, median(times.get(name)!)])) as Record<K, number>;
}

function line(label: string, ms: number, baselineMs: number, target: number): string {
  const ratio = ms / baselineMs;
  return `  ${label.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms   ${ratio.toFixed(2)}×  (target ≤ ${target}: ${ratio <= target ? 'met' : 'NOT met'})`;
}

// What a user's first run after `npm install` finds: the bundle built (and not rebuilt mid-bench).
await run(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'build-cli.mjs')]);
const hosts = await upRigHosts(HOSTS);
try {
  const dataDir = join(hosts.home, 'crossdock');
  const core = createCore({ dataDir, mode: 'test', knownHostsPaths: [] });
  await addRigHosts(core, hosts);
  await core.dispose();

  const env = { ...process.env, CROSSDOCK_HOME: dataDir, CROSSDOCK_PASSPHRASE: BENCH_PASSPHRASE };
  const crossdock = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });
  const listed: unknown = JSON.parse((await crossdock('ps', '--json')).stdout);
  const containers = Array.isArray(listed) ? listed.length : 0;

  const quick = await medians(QUICK_ROUNDS, {
    node: () => run(process.execPath, ['-e', '0']),
    version: () => crossdock('--version'),
    help: () => crossdock('help'),
  });
  const ps = await medians(PS_ROUNDS, {
    docker: () => dockerPsLoop(hosts),
    crossdock: () => crossdock('ps', '--json'),
    // Not a target: the same start-up and vault unlock without a host, to show what ps adds.
    offline: () => crossdock('host', 'ls', '--json'),
  });

  console.log(
    `cli: medians of ${QUICK_ROUNDS} rounds (start-up) and ${PS_ROUNDS} rounds (${HOSTS} hosts, ${containers} running containers)`,
  );
  console.log(`  node -e 0                  ${quick.node.toFixed(0).padStart(6)} ms`);
  console.log(line('crossdock --version', quick.version, quick.node, 1.5));
  console.log(line('crossdock help', quick.help, quick.node, 1.5));
  console.log(`  docker -H ssh:// ps loop   ${ps.docker.toFixed(0).padStart(6)} ms`);
  console.log(line('crossdock ps --json', ps.crossdock, ps.docker, 0.5));
  console.log(`    of which start-up and vault unlock (host ls --json) ${ps.offline.toFixed(0)} ms`);
} finally {
  hosts.dispose();
}
