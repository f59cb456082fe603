import type { ContainerAction, ContainerState } from '../../../shared/index.js';

/** The actions that make sense in each state, in the order the buttons show them. */
const BY_STATE: Record<ContainerState, readonly ContainerAction[]> = {
  running: ['stop', 'restart', 'pause', 'remove'],
  restarting: ['stop', 'remove'],
  paused: ['unpause', 'stop', 'remove'],
  created: ['start', 'remove'],
  exited: ['start', 'remove'],
  dead: ['remove'],
  removing: [],
};

export function actionsFor(state: ContainerState): readonly ContainerAction[] {
  return BY_STATE[state];
}

export const ACTION_TEXT: Record<ContainerAction, { label: string; busy: string; verb: string }> = {
  start: { label: 'Start', busy: 'Starting…', verb: 'start' },
  stop: { label: 'Stop', busy: 'Stopping…', verb: 'stop' },
  restart: { label: 'Restart', busy: 'Restarting…', verb: 'restart' },
  pause: { label: 'Pause', busy: 'Pausing…', verb: 'pause' },
  unpause: { label: 'Unpause', busy: 'Resuming…', verb: 'unpause' },
  kill: { label: 'Kill', busy: 'Killing…', verb: 'kill' },
  remove: { label: 'Remove', busy: 'Removing…', verb: 'remove' },
};

/** Whether removing needs `force` to succeed: Docker refuses to remove a container that runs. */
export function removeNeedsForce(state: ContainerState): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting';
}
