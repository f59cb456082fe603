import { describe, expect, it } from 'vitest';
import type { PortBinding } from '../../../shared/index.js';
import { firstHostPort, formatBinaryBytes, formatBytes, formatPorts, shortId } from './format.js';

const port = (
  hostPort: number | null,
  containerPort: number,
  hostIp: string | null = '0.0.0.0',
  protocol: PortBinding['protocol'] = 'tcp',
): PortBinding => ({ hostIp, hostPort, containerPort, protocol });

describe('formatPorts', () => {
  it('shows published ports as host→container and folds the IPv4/IPv6 pair into one', () => {
    expect(formatPorts([port(8080, 80), port(8080, 80, '::')])).toBe('8080→80/tcp');
  });

  it('keeps a specific bind address and lists exposed-only ports last', () => {
    expect(formatPorts([port(null, 9000), port(5432, 5432, '127.0.0.1'), port(53, 53, '0.0.0.0', 'udp')])).toBe(
      '53→53/udp, 127.0.0.1:5432→5432/tcp, 9000/tcp',
    );
  });

  it('brackets an IPv6 bind address', () => {
    expect(formatPorts([port(443, 443, '::1')])).toBe('[::1]:443→443/tcp');
  });
});

describe('firstHostPort', () => {
  it('sorts by the lowest published port, unpublished last', () => {
    expect(firstHostPort([port(8080, 80), port(443, 443)])).toBe(443);
    expect(firstHostPort([port(null, 80)])).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('formatBytes and shortId', () => {
  it('uses the binary units of the whole app', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(74_800_000)).toBe('71.3 MiB');
    expect(formatBytes(1_234_567_890)).toBe('1.15 GiB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('uses binary units for memory like docker stats', () => {
    expect(formatBinaryBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBinaryBytes(1536)).toBe('1.50 KiB');
  });

  it('shortens ids like docker ps', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
  });
});
