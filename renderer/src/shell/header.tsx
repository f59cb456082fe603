import { VIEWS } from '../navigation/views.js';
import { useCrossdock } from '../state/store.js';
import { ConnectionIndicator } from './connection-indicator.js';
import './header.css';

export function Header() {
  const view = useCrossdock((state) => state.view);
  const label = VIEWS.find((entry) => entry.id === view)?.label ?? '';
  return (
    <header className="header">
      <h1 className="header-title">{label}</h1>
      <ConnectionIndicator />
    </header>
  );
}
