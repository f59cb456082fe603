import type { ContainerAction, ContainerSummary } from '../../../shared/index.js';
import { ActionIcon } from './action-icons.js';
import { ACTION_TEXT, actionsFor } from './container-action-plan.js';
import { runContainerAction } from './container-actions.js';
import { askToRemove } from './docker-store.js';

interface ContainerActionsProps {
  container: ContainerSummary;
  pending: ContainerAction | undefined;
  /** `icons` in list rows (out of the Tab order: the list's own keys reach the details), `buttons` in the details header. */
  variant: 'icons' | 'buttons';
}

/** Start, stop, restart, pause/unpause and remove, as the container's state allows. */
export function ContainerActions({ container, pending, variant }: ContainerActionsProps) {
  const run = (action: ContainerAction): void => {
    if (action === 'remove') askToRemove(container);
    else void runContainerAction(container, action);
  };
  return (
    <>
      {actionsFor(container.state).map((action) => {
        const text = ACTION_TEXT[action];
        const busy = pending === action;
        const name = `${text.label} ${container.name} on ${container.hostName}`;
        return variant === 'icons' ? (
          <button
            key={action}
            type="button"
            className="icon-button"
            tabIndex={-1}
            aria-label={name}
            title={busy ? text.busy : text.label}
            data-testid={`container-${action}`}
            data-busy={busy || undefined}
            disabled={pending !== undefined}
            onClick={(event) => {
              event.stopPropagation();
              run(action);
            }}
          >
            <ActionIcon action={action} />
          </button>
        ) : (
          <button
            key={action}
            type="button"
            className={action === 'remove' ? 'button button-small button-danger' : 'button button-small button-quiet'}
            aria-label={name}
            data-testid={`details-${action}`}
            disabled={pending !== undefined}
            onClick={() => run(action)}
          >
            <ActionIcon action={action} />
            {busy ? text.busy : text.label}
          </button>
        );
      })}
    </>
  );
}
