import { useRef, type KeyboardEvent } from 'react';
import type { ResourceKind } from './docker-lists.js';
import { RESOURCE_KINDS, showTab, useDocker } from './docker-store.js';

export const KIND_LABELS: Record<ResourceKind, string> = {
  containers: 'Containers',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
};

/** Tabs with the ARIA keyboard model: Left/Right/Home/End move and select, Tab leaves the row. */
export function ResourceTabs({ panelId }: { panelId: string }) {
  const tab = useDocker((state) => state.tab);
  const refs = useRef<Partial<Record<ResourceKind, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent): void => {
    const index = RESOURCE_KINDS.indexOf(tab);
    const last = RESOURCE_KINDS.length - 1;
    const next = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const kind = RESOURCE_KINDS[next];
    if (!kind) return;
    showTab(kind);
    refs.current[kind]?.focus();
  };
  return (
    <div className="resource-tabs" role="tablist" aria-label="Docker objects" onKeyDown={onKeyDown}>
      {RESOURCE_KINDS.map((kind) => (
        <button
          key={kind}
          ref={(element) => {
            refs.current[kind] = element;
          }}
          type="button"
          role="tab"
          id={`tab-${kind}`}
          className="resource-tab"
          aria-selected={tab === kind}
          aria-controls={panelId}
          tabIndex={tab === kind ? 0 : -1}
          data-testid={`tab-${kind}`}
          onClick={() => showTab(kind)}
        >
          {KIND_LABELS[kind]}
        </button>
      ))}
    </div>
  );
}
