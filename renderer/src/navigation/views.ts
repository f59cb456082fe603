/** The top-level views, in sidebar order; Alt+1..8 follows this order. */
export const VIEW_IDS = [
  'hosts',
  'containers',
  'machines',
  'workloads',
  'ports',
  'migrations',
  'compare',
  'settings',
] as const;

export type ViewId = (typeof VIEW_IDS)[number];

export interface ViewEntry {
  id: ViewId;
  label: string;
  /** The digit of its Alt shortcut. */
  digit: number;
}

const LABELS: Record<ViewId, string> = {
  hosts: 'Hosts',
  containers: 'Containers',
  machines: 'Machines',
  workloads: 'Workloads',
  ports: 'Port map',
  migrations: 'Migrations',
  compare: 'Compare',
  settings: 'Settings',
};

export const VIEWS: readonly ViewEntry[] = VIEW_IDS.map((id, index) => ({ id, label: LABELS[id], digit: index + 1 }));

export const DEFAULT_VIEW: ViewId = 'hosts';

export function isViewId(value: string): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value);
}

/** The view named by a location hash (`#containers`, `#/containers`), or the default one. */
export function viewFromHash(hash: string): ViewId {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isViewId(name) ? name : DEFAULT_VIEW;
}

export function hashForView(view: ViewId): string {
  return `#/${view}`;
}

/** The shortcut as people read it, for tooltips and the sidebar hint. */
export function shortcutLabel(view: ViewEntry): string {
  return `Alt+${view.digit}`;
}

/**
 * The view an Alt+digit key press goes to, or null. Uses `code` (the physical key) rather than
 * `key`, because on macOS Option+1 types "¡" and `key` would never be "1".
 */
export function viewForShortcut(event: {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  code: string;
}): ViewId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (!match) return null;
  return VIEWS.find((view) => view.digit === Number(match[1]))?.id ?? null;
}
