import type { AddHostArgs, HostInfo } from '../../../shared/index.js';
import { attempt, noticeFailure, type Outcome } from '../state/core-call.js';
import { applyHost, dropHost, pushNotice, showJobLog } from '../state/store.js';

/** Adds a host; HOST_KEY_UNKNOWN and friends come back as data for the dialog to handle. */
export async function addHost(args: AddHostArgs): Promise<Outcome<HostInfo>> {
  const outcome = await attempt((api) => api.hosts.add(args));
  if (outcome.ok) applyHost(outcome.value);
  return outcome;
}

export async function removeHost(host: HostInfo): Promise<void> {
  const outcome = await attempt((api) => api.hosts.remove({ host: host.id }));
  if (!outcome.ok) return noticeFailure(`Could not remove ${host.name}`, outcome.failure);
  dropHost(host.id);
  pushNotice({
    tone: 'info',
    title: `Removed ${host.name}`,
    message: 'Its containers keep running; Crossdock no longer manages them.',
    code: null,
  });
}

/** Connects again now; the row also follows through `hosts.changed`. */
export async function reconnectHost(host: HostInfo): Promise<Outcome<HostInfo>> {
  const outcome = await attempt((api) => api.hosts.connect({ host: host.id }));
  if (outcome.ok) applyHost(outcome.value);
  return outcome;
}

/** Whether bootstrapping the host needs its user's sudo password (asked once, kept in memory). */
export async function bootstrapNeedsPassword(host: HostInfo): Promise<boolean | null> {
  const outcome = await attempt((api) => api.bootstrap.detect({ host: host.id }));
  if (!outcome.ok) {
    noticeFailure(`Could not look at ${host.name}`, outcome.failure);
    return null;
  }
  return outcome.value.privilege === 'sudo-password';
}

/** Starts installing Docker on the host as a job and opens that job's live log. */
export async function bootstrapHost(
  host: HostInfo,
  choice: { distributionPackagesOnly: boolean; sudoPassword?: string | undefined },
): Promise<void> {
  const outcome = await attempt((api) => api.bootstrap.start({ host: host.id, ...choice }));
  if (!outcome.ok) return noticeFailure(`Could not start bootstrapping ${host.name}`, outcome.failure);
  showJobLog(outcome.value.id);
}
