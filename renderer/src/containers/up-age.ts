/**
 * "Up 31 seconds", in Docker's own words (go-units HumanDuration, which `docker ps` uses), so the
 * list reads as `docker ps` does, but computed from the start time at each tick instead of frozen
 * at listing time.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(seconds / 3600 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(seconds / 3600 / 24 / 365)} years`;
}

/**
 * The status of an up container at `now`: "Up 2 minutes (healthy)", keeping what Docker's status
 * adds after the age ("(healthy)", "(Paused)"). Null when the start time is unknown or unreadable:
 * then Docker's own status is shown.
 */
export function upStatus(startedAt: string | null, dockerStatus: string, now: number): string | null {
  if (startedAt === null) return null;
  const started = Date.parse(startedAt);
  if (Number.isNaN(started)) return null;
  const suffix = /\s(\([^)]*\))$/.exec(dockerStatus)?.[1];
  return `Up ${humanDuration(now - started)}${suffix ? ` ${suffix}` : ''}`;
}
