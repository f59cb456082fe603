import { useCrossdock } from '../state/store.js';
import { ViewIcon } from './view-icon.js';
import { VIEWS, hashForView, shortcutLabel, type ViewEntry } from './views.js';
import './sidebar.css';

function NavLink({ view, active }: { view: ViewEntry; active: boolean }) {
  return (
    <a
      className="nav-link"
      href={hashForView(view.id)}
      data-testid={`nav-${view.id}`}
      aria-current={active ? 'page' : undefined}
      title={`${view.label} (${shortcutLabel(view)})`}
      aria-keyshortcuts={shortcutLabel(view)}
    >
      <ViewIcon view={view.id} />
      <span className="nav-label">{view.label}</span>
      <kbd className="nav-shortcut" aria-hidden="true">
        {shortcutLabel(view)}
      </kbd>
    </a>
  );
}

/** Product views on top, Settings apart at the bottom, as in most desktop tools. */
export function Sidebar() {
  const current = useCrossdock((state) => state.view);
  const main = VIEWS.filter((view) => view.id !== 'settings');
  const settings = VIEWS.filter((view) => view.id === 'settings');
  return (
    <nav className="sidebar" aria-label="Crossdock">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 20 20" aria-hidden="true">
          <rect x="1" y="1" width="18" height="18" rx="5" />
          <path d="M5.5 8h8M11 5.5 13.5 8 11 10.5M14.5 12h-8M9 9.5 6.5 12 9 14.5" />
        </svg>
        <span className="brand-name">Crossdock</span>
      </div>
      <ul className="nav-list">
        {main.map((view) => (
          <li key={view.id}>
            <NavLink view={view} active={view.id === current} />
          </li>
        ))}
      </ul>
      <ul className="nav-list nav-list-end">
        {settings.map((view) => (
          <li key={view.id}>
            <NavLink view={view} active={view.id === current} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
