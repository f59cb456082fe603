import { useEffect } from 'react';
import { showView } from '../state/store.js';
import { hashForView, viewForShortcut, viewFromHash } from './views.js';

/**
 * The location hash is the source of truth for the current view: the sidebar is made of
 * ordinary links, so Back/Forward, middle-click-free keyboard use and reloads all just work.
 * Alt+1..7 changes the hash like a click would.
 */
export function useNavigation(): void {
  useEffect(() => {
    const sync = (): void => showView(viewFromHash(window.location.hash));
    const onKey = (event: KeyboardEvent): void => {
      const view = viewForShortcut(event);
      if (!view) return;
      event.preventDefault();
      window.location.hash = hashForView(view);
    };
    sync();
    window.addEventListener('hashchange', sync);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', sync);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
