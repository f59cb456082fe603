import type { ContainerAction } from '../../../shared/index.js';

const PATHS: Record<ContainerAction, string> = {
  start: 'M5 3.5v9l7-4.5z',
  unpause: 'M5 3.5v9l7-4.5z',
  stop: 'M4.5 4.5h7v7h-7z',
  restart: 'M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12.5 3v2.5H10',
  pause: 'M5.5 4v8M10.5 4v8',
  kill: 'M4 4l8 8M12 4l-8 8',
  remove: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5',
};

export function ActionIcon({ action }: { action: ContainerAction }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[action]} />
    </svg>
  );
}
