import type Dockerode from 'dockerode';
import type { DockerEngine } from '../docker/docker-engine.js';

/**
 * When each listed container last started. Docker's list (`/containers/json`) has no start time:
 * `Created` is when the container was made, and `Status` ("Up 31 seconds") is a rounded text
 * frozen at listing time. Only an inspect carries `State.StartedAt`, so a container is inspected
 * once, when first seen running, and its start time kept until the list says it restarted (its
 * Status then reports less time up than the kept start time allows). A listing of 200 running
 * containers costs 200 inspects once, then none while nothing restarts.
 */
export class StartTimes {
  /** hostId → container id → StartedAt (ISO, the host's clock). */
  private readonly byHost = new Map<string, Map<string, string>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The start time of every container of `list` that is up (running, paused, restarting); others get null. */
  async of(
    engine: DockerEngine,
    hostId: string,
    list: readonly Dockerode.ContainerInfo[],
    signal: AbortSignal,
  ): Promise<Map<string, string | null>> {
    const known = this.byHost.get(hostId) ?? new Map<string, string>();
    const kept = new Map<string, string>();
    const answer = new Map<string, string | null>();
    const toInspect: Dockerode.ContainerInfo[] = [];
    for (const container of list) {
      if (!isUp(container.State)) {
        answer.set(container.Id, null);
        continue;
      }
      const startedAt = known.get(container.Id);
      if (startedAt !== undefined && !this.restartedSince(startedAt, container.Status)) {
        kept.set(container.Id, startedAt);
        answer.set(container.Id, startedAt);
      } else toInspect.push(container);
    }
    await inBatches(toInspect, INSPECTS_AT_ONCE, async (container) => {
      const startedAt = await inspectStart(engine, container.Id, signal);
      answer.set(container.Id, startedAt);
      if (startedAt !== null) kept.set(container.Id, startedAt);
    });
    // Only what this listing saw is kept, so removed containers do not pile up.
    this.byHost.set(hostId, kept);
    return answer;
  }

  forgetHost(hostId: string): void {
    this.byHost.delete(hostId);
  }

  private restartedSince(startedAt: string, status: string): boolean {
    const keptAge = (this.now() - Date.parse(startedAt)) / 1000;
    return keptAge > maxSecondsUp(status) + CLOCK_SLACK_S;
  }
}

const INSPECTS_AT_ONCE = 8;
/** The laptop's clock and the host's may differ a little; a restart shows up as a far larger gap. */
const CLOCK_SLACK_S = 30;

const isUp = (state: string): boolean => state === 'running' || state === 'paused' || state === 'restarting';

async function inspectStart(engine: DockerEngine, id: string, signal: AbortSignal): Promise<string | null> {
  try {
    const info = await engine.call((docker) => docker.getContainer(id).inspect({ abortSignal: signal }));
    const startedAt = info.State?.StartedAt;
    // Docker writes the zero time (0001-01-01…) for a container that never started.
    return startedAt && !startedAt.startsWith('0001') ? startedAt : null;
  } catch {
    // Removed between the list and the inspect: the next listing will not show it either.
    return null;
  }
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
};

/**
 * The most time up a Docker status ("Up 3 minutes (healthy)") allows, from the rounding of Docker's
 * HumanDuration (go-units): "About an hour" is under 1.5 h, "5 hours" rounds to the nearest hour,
 * the other units truncate. Infinity when the status says nothing about it.
 */
export function maxSecondsUp(status: string): number {
  const match = /^Up (Less than a|About an?|\d+) (second|minute|hour|day|week|month|year)s?\b/.exec(status);
  if (!match) return Number.POSITIVE_INFINITY;
  const [, amount = '', unit = ''] = match;
  const seconds = UNIT_SECONDS[unit] ?? Number.POSITIVE_INFINITY;
  if (amount === 'Less than a') return 1;
  if (amount.startsWith('About')) return unit === 'hour' ? 1.5 * 3600 : 2 * seconds;
  if (unit === 'hour') return (Number(amount) + 0.5) * seconds;
  return (Number(amount) + 1) * seconds;
}
