import { useState } from 'react';
import type { ContainerSummary } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { removeNeedsForce } from './container-action-plan.js';
import { runContainerAction } from './container-actions.js';

/** Names the container and its host; a running container needs "force", which is opt-in. */
export function RemoveContainerDialog({ container, onClose }: { container: ContainerSummary; onClose: () => void }) {
  const [force, setForce] = useState(false);
  const running = removeNeedsForce(container.state);
  return (
    <ConfirmDialog
      title={`Remove ${container.name}?`}
      testId="container-remove-dialog"
      message={
        <>
          The container <strong>{container.name}</strong> on <strong>{container.hostName}</strong> is deleted, with its
          writable layer. Named volumes stay.
        </>
      }
      confirmLabel={force ? 'Force remove' : 'Remove'}
      onConfirm={() => runContainerAction(container, 'remove', force)}
      onClose={onClose}
    >
      <label className="form-check">
        <input
          type="checkbox"
          checked={force}
          data-testid="container-remove-force"
          onChange={(event) => setForce(event.target.checked)}
        />
        Force: stop it first if it is running
      </label>
      {running && !force && (
        <p className="form-hint">
          {container.name} is {container.state}; Docker refuses to remove it unless forced.
        </p>
      )}
    </ConfirmDialog>
  );
}
