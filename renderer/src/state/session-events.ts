import type { Subscription } from '../../../shared/index.js';
import type { CrossdockClient } from '../api/connect.js';
import { toFailure } from './core-call.js';
import { reportLoadFailure } from './session-loads.js';
import { applyHost, applyJob, applyLogLines, dropHost, setVault } from './store.js';

/**
 * The events every view needs, followed for the whole life of a connection: jobs, their logs and
 * the hosts, the vault's status. `alive` says whether this connection is still the one the store follows. Subscribed
 * before the first load: the server handles frames in order, so every change made after a list's
 * snapshot reaches us as an event.
 */
export function followSessionEvents(client: CrossdockClient, alive: () => boolean): void {
  const follow = (what: string, subscription: Subscription): void => {
    subscription.ready.catch((error: unknown) => reportLoadFailure(`live updates of ${what}`, toFailure(error)));
  };
  follow(
    'jobs',
    client.subscribe('jobs.changed', (job) => alive() && applyJob(job)),
  );
  follow(
    'job logs',
    client.subscribe('jobs.log', (line) => alive() && applyLogLines(line.jobId, [line])),
  );
  follow(
    'hosts',
    client.subscribe('hosts.changed', (host) => alive() && applyHost(host)),
  );
  follow(
    'removed hosts',
    client.subscribe('hosts.removed', ({ id }) => alive() && dropHost(id)),
  );
  follow(
    'the vault',
    client.subscribe('vault.changed', (status) => alive() && setVault(status)),
  );
}
