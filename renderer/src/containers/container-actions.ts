import type { ContainerAction, ContainerSummary } from '../../../shared/index.js';
import { attempt, noticeFailure } from '../state/core-call.js';
import { ACTION_TEXT } from './container-action-plan.js';
import { containerKey, selectContainer, setPending, useDocker } from './docker-store.js';
import { refetchHost } from './docker-sync.js';

/**
 * Runs start/stop/… on one container. The row shows the action as busy until the core answers;
 * the host is refetched right after (its `docker.changed` events would do it too, but a user who
 * just clicked should not wait for the debounce).
 */
export async function runContainerAction(
  container: ContainerSummary,
  action: ContainerAction,
  force = false,
): Promise<boolean> {
  const key = containerKey(container);
  if (useDocker.getState().pending[key]) return false;
  setPending(key, action);
  const outcome = await attempt((api) =>
    api.docker.containerAction({
      host: container.hostId,
      container: container.id,
      action,
      ...(force ? { force } : {}),
    }),
  );
  setPending(key, null);
  if (!outcome.ok) {
    noticeFailure(`Could not ${ACTION_TEXT[action].verb} ${container.name} on ${container.hostName}`, outcome.failure);
    return false;
  }
  if (action === 'remove') {
    const selected = useDocker.getState().selected;
    if (selected && containerKey(selected) === key) selectContainer(null);
  }
  refetchHost(container.hostId);
  return true;
}
