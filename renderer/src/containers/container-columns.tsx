import {
  counted,
  type ContainerSummary,
  type ImageSummary,
  type NetworkSummary,
  type VolumeSummary,
} from '../../../shared/index.js';
import { useNow } from '../state/clock.js';
import { formatBytes, formatDate, formatPorts, shortId } from './format.js';
import type { Column } from './list-rows.js';
import { imageTitle } from './resource-specs.js';
import { upStatus } from './up-age.js';

/** An up container's age, ticking on the shared clock; only these cells read it. */
function UpSince({ startedAt, status }: { startedAt: string; status: string }) {
  const now = useNow();
  return <span data-testid="up-since">{upStatus(startedAt, status, now) ?? status}</span>;
}

const isUp = (c: ContainerSummary): boolean => c.state === 'running' || c.state === 'paused';

const STATE_LABELS: Record<ContainerSummary['state'], string> = {
  created: 'Created',
  running: 'Running',
  paused: 'Paused',
  restarting: 'Restarting',
  removing: 'Removing',
  exited: 'Exited',
  dead: 'Dead',
};

// Column arrays are module constants: stable references keep the memoised rows from re-rendering.
export const CONTAINER_COLUMNS: readonly Column<ContainerSummary>[] = [
  { id: 'host', label: 'Host', cell: (c) => c.hostName, className: 'cell-muted' },
  { id: 'name', label: 'Name', cell: (c) => <span title={`${c.name} · ${shortId(c.id)}`}>{c.name}</span> },
  { id: 'image', label: 'Image', cell: (c) => <span title={c.image}>{c.image}</span>, className: 'cell-mono' },
  {
    id: 'state',
    label: 'State',
    cell: (c) => (
      <span className="state-badge" data-state={c.state}>
        {STATE_LABELS[c.state]}
      </span>
    ),
  },
  {
    id: 'status',
    label: 'Status',
    cell: (c) => (c.startedAt !== null && isUp(c) ? <UpSince startedAt={c.startedAt} status={c.status} /> : c.status),
    className: 'cell-muted',
  },
  {
    id: 'ports',
    label: 'Ports',
    cell: (c) => {
      const text = formatPorts(c.ports);
      return text ? <span title={text}>{text}</span> : <span className="cell-muted">—</span>;
    },
    className: 'cell-mono',
  },
];

export const IMAGE_COLUMNS: readonly Column<ImageSummary>[] = [
  { id: 'host', label: 'Host', cell: (i) => i.hostName, className: 'cell-muted' },
  {
    id: 'tags',
    label: 'Repository:tag',
    cell: (i) => <span title={imageTitle(i)}>{imageTitle(i)}</span>,
    className: 'cell-mono',
  },
  { id: 'id', label: 'Id', cell: (i) => shortId(i.id), className: 'cell-mono cell-muted' },
  { id: 'size', label: 'Size', cell: (i) => formatBytes(i.sizeBytes), className: 'cell-number' },
  { id: 'created', label: 'Created', cell: (i) => formatDate(i.createdAt), className: 'cell-muted' },
  {
    id: 'containers',
    label: 'Used by',
    cell: (i) => (i.containers > 0 ? counted(i.containers, 'container') : '—'),
    className: 'cell-number',
  },
];

export const VOLUME_COLUMNS: readonly Column<VolumeSummary>[] = [
  { id: 'host', label: 'Host', cell: (v) => v.hostName, className: 'cell-muted' },
  { id: 'name', label: 'Name', cell: (v) => <span title={v.name}>{v.name}</span>, className: 'cell-mono' },
  { id: 'driver', label: 'Driver', cell: (v) => v.driver },
  {
    id: 'mountpoint',
    label: 'Mount point',
    cell: (v) => <span title={v.mountpoint}>{v.mountpoint}</span>,
    className: 'cell-mono cell-muted',
  },
  { id: 'created', label: 'Created', cell: (v) => formatDate(v.createdAt), className: 'cell-muted' },
];

export const NETWORK_COLUMNS: readonly Column<NetworkSummary>[] = [
  { id: 'host', label: 'Host', cell: (n) => n.hostName, className: 'cell-muted' },
  { id: 'name', label: 'Name', cell: (n) => n.name },
  { id: 'driver', label: 'Driver', cell: (n) => n.driver },
  { id: 'scope', label: 'Scope', cell: (n) => n.scope },
  { id: 'id', label: 'Id', cell: (n) => shortId(n.id), className: 'cell-mono cell-muted' },
];
