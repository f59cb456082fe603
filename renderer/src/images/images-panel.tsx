import { useCallback, useState } from 'react';
import type { ImageSummary } from '../../../shared/index.js';
import { ActionIcon } from '../containers/action-icons.js';
import { IMAGE_COLUMNS } from '../containers/container-columns.js';
import { ResourcePanel } from '../containers/resource-panel.js';
import { imageSpec } from '../containers/resource-specs.js';
import { imageName } from './image-actions.js';
import { PullImageDialog } from './pull-image-dialog.js';
import { RemoveImageDialog } from './remove-image-dialog.js';
import { SendImageDialog } from './send-image-dialog.js';

const SEND_PATH = 'M2.5 8h9M8.5 4.5L12 8l-3.5 3.5';

/** The Images tab: every host's images, with Pull…, and per image Send to hosts… and Remove. */
export function ImagesPanel() {
  const [dialog, setDialog] = useState<
    { kind: 'pull' } | { kind: 'send'; image: ImageSummary } | { kind: 'remove'; image: ImageSummary } | null
  >(null);
  const actions = useCallback(
    (image: ImageSummary) => (
      <>
        <button
          type="button"
          className="icon-button"
          tabIndex={-1}
          aria-label={`Send ${imageName(image)} to hosts`}
          title="Send to hosts…"
          data-testid="image-send"
          onClick={(event) => {
            event.stopPropagation();
            setDialog({ kind: 'send', image });
          }}
        >
          <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d={SEND_PATH} />
          </svg>
        </button>
        <button
          type="button"
          className="icon-button"
          tabIndex={-1}
          aria-label={`Remove ${imageName(image)}`}
          title="Remove…"
          data-testid="image-remove"
          onClick={(event) => {
            event.stopPropagation();
            setDialog({ kind: 'remove', image });
          }}
        >
          <ActionIcon action="remove" />
        </button>
      </>
    ),
    [],
  );
  const close = (): void => setDialog(null);
  return (
    <>
      <ResourcePanel
        kind="images"
        spec={imageSpec}
        columns={IMAGE_COLUMNS}
        gridClass="grid-images"
        noun="image"
        rowTestId="image-row"
        actions={actions}
        toolbarExtra={
          <button
            type="button"
            className="button button-small"
            data-testid="image-pull"
            onClick={() => setDialog({ kind: 'pull' })}
          >
            Pull…
          </button>
        }
      />
      {dialog?.kind === 'pull' && <PullImageDialog onClose={close} />}
      {dialog?.kind === 'send' && <SendImageDialog image={dialog.image} onClose={close} />}
      {dialog?.kind === 'remove' && <RemoveImageDialog image={dialog.image} onClose={close} />}
    </>
  );
}
