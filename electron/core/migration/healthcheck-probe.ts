import type Dockerode from 'dockerode';

/** A container's healthcheck as Docker stores it (durations in nanoseconds). */
export interface HealthcheckConfig {
  Test?: string[] | undefined;
  Timeout?: number | undefined;
}

// Docker's own default when the healthcheck sets no timeout.
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The command Docker runs for a healthcheck: `CMD` runs its arguments as they are, `CMD-SHELL`
 * through `/bin/sh -c` (what Docker uses on Linux). `NONE`, an empty test or an inherited one
 * (never in an inspected container's Config, where Docker has merged the image's) has none.
 */
export function healthcheckCommand(test: string[] | undefined): string[] | null {
  if (!test || test.length < 2) return null;
  if (test[0] === 'CMD') return test.slice(1);
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test.slice(1).join(' ')];
  return null;
}

/**
 * Runs a container's healthcheck command once inside it, as Docker does (the container's user
 * and working directory, the healthcheck's timeout), and says whether it exited 0. Docker runs
 * its first check only one interval after the start; during a cutover that interval is downtime,
 * so the migration runs the same check itself right away. A check that cannot run, times out or
 * fails is simply "not passed": Docker's own checks still decide when a container is unhealthy.
 */
export async function healthcheckPasses(
  container: Dockerode.Container,
  check: HealthcheckConfig,
  user: string | undefined,
  signal?: AbortSignal,
): Promise<boolean> {
  const cmd = healthcheckCommand(check.Test);
  if (!cmd) return false;
  const timeoutMs = check.Timeout && check.Timeout > 0 ? check.Timeout / 1e6 : DEFAULT_TIMEOUT_MS;
  try {
    const exec = await container.exec({
      Cmd: cmd,
      AttachStdout: true,
      AttachStderr: true,
      ...(user ? { User: user } : {}),
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    let timer: NodeJS.Timeout | undefined;
    const ended = await new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      signal?.addEventListener('abort', () => resolve(false), { once: true });
      stream.on('data', () => undefined);
      stream.once('end', () => resolve(true));
      stream.once('close', () => resolve(true));
      stream.once('error', () => resolve(false));
    });
    clearTimeout(timer);
    if (!ended) {
      stream.destroy();
      return false;
    }
    return (await exec.inspect()).ExitCode === 0;
  } catch {
    return false;
  }
}
