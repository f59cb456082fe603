import { describe, expect, it } from 'vitest';
import type { PortMapping } from '../../../shared/index.js';
import {
  DEFAULT_PORT_SORT,
  dedupePorts,
  filterPorts,
  formatHostPort,
  formatOwner,
  nextSort,
  sortPorts,
} from './port-table.js';

const mapping = (changes: Partial<PortMapping> = {}): PortMapping => ({
  hostId: 'h1',
  hostName: 'web-1',
  hostIp: '0.0.0.0',
  port: 8080,
  protocol: 'tcp',
  project: 'shop',
  service: 'web',
  container: 'shop-web-1',
  containerId: 'c1',
  containerPort: 80,
  ...changes,
});

describe('formatting', () => {
  it('writes the host side of a port, with the address only when it is not every address', () => {
    expect(formatHostPort(mapping())).toBe('8080/tcp');
    expect(formatHostPort(mapping({ hostIp: '::' }))).toBe('8080/tcp');
    expect(formatHostPort(mapping({ hostIp: '127.0.0.1', port: 5432 }))).toBe('127.0.0.1:5432/tcp');
    expect(formatHostPort(mapping({ hostIp: '::1', protocol: 'udp', port: 53 }))).toBe('[::1]:53/udp');
  });

  it('names the project and service, or says there is none', () => {
    expect(formatOwner(mapping())).toBe('shop / web');
    expect(formatOwner(mapping({ service: null }))).toBe('shop');
    expect(formatOwner(mapping({ project: null, service: null }))).toBe('—');
  });
});

describe('dedupePorts', () => {
  it('shows a port Docker lists for IPv4 and IPv6 once, and keeps ports on one address apart', () => {
    const rows = dedupePorts([
      mapping(),
      mapping({ hostIp: '::' }),
      mapping({ hostIp: '127.0.0.1' }),
      mapping({ hostId: 'h2', hostName: 'web-2' }),
    ]);
    expect(rows.map((r) => `${r.hostName} ${r.hostIp}`)).toEqual(['web-1 0.0.0.0', 'web-1 127.0.0.1', 'web-2 0.0.0.0']);
  });
});

describe('filterPorts', () => {
  const rows = [
    mapping(),
    mapping({
      hostName: 'db-1',
      hostId: 'h2',
      port: 5432,
      project: 'data',
      service: 'pg',
      container: 'data-pg-1',
      containerPort: 5432,
    }),
    mapping({ project: null, service: null, container: 'lonely', port: 9000 }),
  ];

  it('keeps rows where every word appears, whatever the case', () => {
    expect(filterPorts(rows, 'PG').map((r) => r.container)).toEqual(['data-pg-1']);
    expect(filterPorts(rows, 'web-1 9000').map((r) => r.container)).toEqual(['lonely']);
    expect(filterPorts(rows, '8080/tcp').map((r) => r.container)).toEqual(['shop-web-1']);
    expect(filterPorts(rows, 'nothing-like-this')).toEqual([]);
  });

  it('keeps every row for an empty query', () => {
    expect(filterPorts(rows, '   ')).toHaveLength(3);
  });
});

describe('sortPorts', () => {
  const rows = [
    mapping({ hostName: 'web-10', port: 80, container: 'b', containerPort: 8080 }),
    mapping({ hostName: 'web-2', port: 443, container: 'a', containerPort: 443, project: null, service: null }),
    mapping({ hostName: 'web-2', port: 80, container: 'c', containerPort: 80, project: 'api' }),
  ];

  it('sorts host names as people count (web-2 before web-10), then by port', () => {
    expect(sortPorts(rows, DEFAULT_PORT_SORT).map((r) => `${r.hostName}:${r.port}`)).toEqual([
      'web-2:80',
      'web-2:443',
      'web-10:80',
    ]);
  });

  it('sorts by any column, either way, ties by host and port', () => {
    expect(sortPorts(rows, { key: 'port', direction: 'descending' }).map((r) => `${r.hostName}:${r.port}`)).toEqual([
      'web-2:443',
      'web-2:80',
      'web-10:80',
    ]);
    expect(sortPorts(rows, { key: 'containerPort', direction: 'ascending' }).map((r) => r.containerPort)).toEqual([
      80, 443, 8080,
    ]);
    expect(sortPorts(rows, { key: 'project', direction: 'ascending' }).map((r) => r.container)).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(sortPorts(rows, { key: 'container', direction: 'descending' }).map((r) => r.container)).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('flips the sorted column, and starts another ascending', () => {
    expect(nextSort(DEFAULT_PORT_SORT, 'host')).toEqual({ key: 'host', direction: 'descending' });
    expect(nextSort({ key: 'host', direction: 'descending' }, 'port')).toEqual({ key: 'port', direction: 'ascending' });
  });
});
