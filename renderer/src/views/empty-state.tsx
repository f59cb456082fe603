import type { ReactNode } from 'react';
import { ViewIcon } from '../navigation/view-icon.js';
import type { ViewId } from '../navigation/views.js';

export interface EmptyStateProps {
  view: ViewId;
  title: string;
  /** What will be here. */
  lead: string;
  /** What the user will be able to do here. */
  abilities: readonly string[];
  /** e.g. why the list is empty right now, or what to do first. */
  footnote?: ReactNode;
  /** The first thing to do, e.g. an "Add host" button. */
  action?: ReactNode;
}

/** A view with nothing to show explains itself instead of showing a blank pane. */
export function EmptyState({ view, title, lead, abilities, footnote, action }: EmptyStateProps) {
  return (
    <section className="empty-state" data-testid="empty-state" aria-labelledby={`empty-${view}-title`}>
      <div className="empty-state-icon" aria-hidden="true">
        <ViewIcon view={view} />
      </div>
      <h2 id={`empty-${view}-title`} className="empty-state-title">
        {title}
      </h2>
      <p className="empty-state-lead">{lead}</p>
      <ul className="empty-state-abilities">
        {abilities.map((ability) => (
          <li key={ability}>{ability}</li>
        ))}
      </ul>
      {footnote && <p className="empty-state-footnote">{footnote}</p>}
      {action && <div className="empty-state-action">{action}</div>}
    </section>
  );
}
