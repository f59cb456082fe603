import { describe, expect, it } from 'vitest';
import { actionsFor, removeNeedsForce } from './container-action-plan.js';

describe('actionsFor', () => {
  it('offers stop, restart and pause for a running container', () => {
    expect(actionsFor('running')).toEqual(['stop', 'restart', 'pause', 'remove']);
  });

  it('offers unpause for a paused one and start for a stopped one', () => {
    expect(actionsFor('paused')[0]).toBe('unpause');
    expect(actionsFor('exited')).toEqual(['start', 'remove']);
  });

  it('offers nothing while Docker is removing it', () => {
    expect(actionsFor('removing')).toEqual([]);
  });
});

describe('removeNeedsForce', () => {
  it('is true while the container runs in any form', () => {
    expect(removeNeedsForce('running')).toBe(true);
    expect(removeNeedsForce('paused')).toBe(true);
    expect(removeNeedsForce('exited')).toBe(false);
  });
});
