// The manual migration a user would type on A, timed on A itself (date +%s%N between the steps,
// so no docker exec overhead counts): `docker save | ssh B docker load`, stop the container,
// `tar | ssh B tar` of its volume into a new volume on B, `docker run` of the same container on B
// and wait until it is healthy. Plain `ssh root@B`: A's key and B's host key were set up out of
// band (setUpBaselineSsh), OpenSSH's defaults otherwise.
import {
  BASELINE_PID_FILE,
  LABEL,
  appRunCommand,
  cleanTarget,
  inMachine,
  mountpoint,
  restartApp,
  type Names,
} from './workload.js';

/** Milliseconds of each step of the manual migration. */
export interface BaselineTiming {
  imageMs: number;
  stopMs: number;
  volumeMs: number;
  /** docker run on B until its healthcheck says healthy. */
  recreateMs: number;
}

export async function manualMigration(a: string, b: string, bAddress: string, n: Names): Promise<BaselineTiming> {
  const volume = mountpoint(n.volume);
  const script = [
    `echo $$ > ${BASELINE_PID_FILE}`,
    'now() { date +%s%N; }',
    `B=root@${bAddress}`,
    't0=$(now)',
    `docker save ${n.image} | ssh "$B" docker load >/dev/null`,
    't1=$(now)',
    `docker stop ${n.app} >/dev/null`,
    't2=$(now)',
    `tar -C ${volume} -cf - . | ssh "$B" "docker volume create --label ${LABEL} ${n.volume} >/dev/null && tar -C ${volume} -xf -"`,
    't3=$(now)',
    `ssh "$B" bash -s <<'RECREATE'`,
    `${appRunCommand(n)} >/dev/null`,
    `until [ "$(docker inspect -f '{{.State.Health.Status}}' ${n.app})" = healthy ]; do sleep 0.2; done`,
    'RECREATE',
    't4=$(now)',
    `rm -f ${BASELINE_PID_FILE}`,
    'echo "$(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 )) $(( (t3 - t2) / 1000000 )) $(( (t4 - t3) / 1000000 ))"',
  ].join('\n');
  const out = await inMachine(a, script);
  const [imageMs, stopMs, volumeMs, recreateMs] = out.trim().split(/\s+/).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (![imageMs, stopMs, volumeMs, recreateMs].every(Number.isFinite))
    throw new Error(`the manual migration printed no timings: ${out}`);
  return { imageMs, stopMs, volumeMs, recreateMs };
}

/** After the manual migration: A runs its app again, B loses what it got. */
export async function resetAfterManual(a: string, b: string, n: Names): Promise<void> {
  await Promise.all([restartApp(a, n), cleanTarget(b, n)]);
}
