import { useState } from 'react';
import type { ImageSummary } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { noticeFailure } from '../state/core-call.js';
import { imageName, removeImage } from './image-actions.js';

/** Names the image and its host; removing it from under stopped containers is opt-in. */
export function RemoveImageDialog({ image, onClose }: { image: ImageSummary; onClose: () => void }) {
  const [force, setForce] = useState(false);
  const name = imageName(image);
  return (
    <ConfirmDialog
      title={`Remove ${name}?`}
      testId="image-remove-dialog"
      message={
        <>
          The image <strong>{name}</strong> on <strong>{image.hostName}</strong> is removed
          {image.tags.length > 1 ? ' (this tag only: it has others)' : ''}. Refused while containers use it.
        </>
      }
      confirmLabel="Remove"
      onConfirm={async () => {
        const outcome = await removeImage(image, force);
        if (!outcome.ok) noticeFailure(`Could not remove ${name} from ${image.hostName}`, outcome.failure);
      }}
      onClose={onClose}
    >
      {image.containers > 0 && (
        <label className="form-check">
          <input
            type="checkbox"
            checked={force}
            data-testid="image-remove-force"
            onChange={(event) => setForce(event.target.checked)}
          />
          Remove even if stopped containers use it
        </label>
      )}
    </ConfirmDialog>
  );
}
