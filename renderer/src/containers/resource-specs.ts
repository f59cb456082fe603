import type {
  ContainerState,
  ContainerSummary,
  ImageSummary,
  NetworkSummary,
  VolumeSummary,
} from '../../../shared/index.js';
import { firstHostPort, formatPorts, shortId } from './format.js';
import type { ListSpec } from './list-model.js';

/** Running first, then the states that need attention, then the stopped ones. */
const STATE_ORDER: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  removing: 4,
  exited: 5,
  dead: 6,
};

export const isStopped = (container: ContainerSummary): boolean =>
  container.state === 'exited' || container.state === 'dead' || container.state === 'created';

export const containerSpec: ListSpec<ContainerSummary> = {
  key: (c) => `${c.hostId}/${c.id}`,
  hostId: (c) => c.hostId,
  hostName: (c) => c.hostName,
  searchText: (c) =>
    `${c.hostName} ${c.name} ${c.image} ${c.state} ${c.status} ${shortId(c.id)} ${formatPorts(c.ports)}`,
  sortValue: (c, column) => {
    switch (column) {
      case 'host':
        return c.hostName;
      case 'image':
        return c.image;
      case 'state':
        return STATE_ORDER[c.state];
      case 'status':
        return `${STATE_ORDER[c.state]} ${c.status}`;
      case 'ports':
        return firstHostPort(c.ports);
      default:
        return c.name;
    }
  },
};

/** `<none>` for an untagged image, like `docker images`. */
export const imageTitle = (image: ImageSummary): string => (image.tags.length > 0 ? image.tags.join(', ') : '<none>');

export const imageSpec: ListSpec<ImageSummary> = {
  key: (i) => `${i.hostId}/${i.id}`,
  hostId: (i) => i.hostId,
  hostName: (i) => i.hostName,
  searchText: (i) => `${i.hostName} ${imageTitle(i)} ${shortId(i.id)}`,
  sortValue: (i, column) => {
    switch (column) {
      case 'host':
        return i.hostName;
      case 'id':
        return shortId(i.id);
      case 'size':
        return i.sizeBytes;
      case 'created':
        return Date.parse(i.createdAt) || 0;
      case 'containers':
        return i.containers;
      default:
        return imageTitle(i);
    }
  },
};

export const volumeSpec: ListSpec<VolumeSummary> = {
  key: (v) => `${v.hostId}/${v.name}`,
  hostId: (v) => v.hostId,
  hostName: (v) => v.hostName,
  searchText: (v) => `${v.hostName} ${v.name} ${v.driver} ${v.mountpoint}`,
  sortValue: (v, column) => {
    switch (column) {
      case 'host':
        return v.hostName;
      case 'driver':
        return v.driver;
      case 'mountpoint':
        return v.mountpoint;
      case 'created':
        return (v.createdAt && Date.parse(v.createdAt)) || 0;
      default:
        return v.name;
    }
  },
};

export const networkSpec: ListSpec<NetworkSummary> = {
  key: (n) => `${n.hostId}/${n.id}`,
  hostId: (n) => n.hostId,
  hostName: (n) => n.hostName,
  searchText: (n) => `${n.hostName} ${n.name} ${n.driver} ${n.scope} ${shortId(n.id)}`,
  sortValue: (n, column) => {
    switch (column) {
      case 'host':
        return n.hostName;
      case 'driver':
        return n.driver;
      case 'scope':
        return n.scope;
      case 'id':
        return shortId(n.id);
      default:
        return n.name;
    }
  },
};
