import type { ViewId } from './views.js';

/** Line icons drawn for Crossdock on a 16-unit grid; no icon font or external asset. */
const PATHS: Record<ViewId, string> = {
  hosts: 'M2.5 2.5h11v4.5h-11zM2.5 9h11v4.5h-11zM5 4.75h.01M5 11.25h.01M8 4.75h3M8 11.25h3',
  containers: 'M8 1.75 14 5v6L8 14.25 2 11V5zM2 5l6 3.25L14 5M8 8.25v6',
  machines: 'M4 4h8v8H4zM6.5 6.5h3v3h-3zM6 1.5V4M10 1.5V4M6 12v2.5M10 12v2.5M1.5 6H4M1.5 10H4M12 6h2.5M12 10h2.5',
  workloads: 'M8 1.75 14.5 5 8 8.25 1.5 5zM1.5 8 8 11.25 14.5 8M1.5 11 8 14.25 14.5 11',
  ports: 'M2.5 3.5h4v4h-4zM9.5 8.5h4v4h-4zM6.5 5.5H9a2 2 0 0 1 2 2v1M9.5 10.5H7a2 2 0 0 1-2-2v-1',
  migrations: 'M2 5h10.5M10 2.5 12.5 5 10 7.5M14 11H3.5M6 8.5 3.5 11 6 13.5',
  compare: 'M2 14h12M3.5 14V8h2.5v6M7 14V3h2.5v11M10.5 14V6H13v8',
  settings: 'M2 4h5M10 4h4M2 8h2M7 8h7M2 12h7M12 12h2M8.5 2.5v3M5.5 6.5v3M10.5 10.5v3',
};

export function ViewIcon({ view }: { view: ViewId }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[view]} />
    </svg>
  );
}
