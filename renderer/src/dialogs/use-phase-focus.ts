import { useEffect, useRef, type RefObject } from 'react';
import { focusInitial } from './focus-trap.js';

/**
 * Each time `phase` changes (a job runs, then ends; a wizard's next step), puts focus on the main
 * control inside the returned ref's element, so Enter does what the new phase expects. A null
 * phase leaves focus where it is.
 */
export function usePhaseFocus(phase: string | null): RefObject<HTMLDivElement | null> {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (root.current && phase !== null) focusInitial(root.current);
  }, [phase]);
  return root;
}
