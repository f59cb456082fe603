import { describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../shared/index.js';
import { addressesOverlap, parseListeners } from './host-listeners.js';
import { conflictsAmong, nextFreePort, portConflictError, type HeldPort } from './port-conflicts.js';

const SS = [
  'tcp   LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("sshd",pid=1,fd=3))',
  'tcp   LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*    users:(("docker-proxy",pid=812,fd=4))',
  'tcp   LISTEN 0      511        127.0.0.1:6379      0.0.0.0:*    users:(("redis-server",pid=99,fd=6))',
  'tcp   LISTEN 0      128             [::]:22           [::]:*    users:(("sshd",pid=1,fd=4))',
  'udp   UNCONN 0      0      127.0.0.53%lo:53        0.0.0.0:*    users:(("systemd-resolve",pid=500,fd=13))',
  'tcp   LISTEN 0      128                *:9000            *:*',
  'garbage line',
  '',
].join('\n');

const container = (
  port: number,
  name: string,
  project: string | null = null,
  service: string | null = null,
): HeldPort => ({
  port,
  protocol: 'tcp',
  hostIp: '0.0.0.0',
  holder: { kind: 'container', id: `id-${name}`, name, project, service },
});

describe('ss output', () => {
  it('reads protocol, address, port and process; brackets, interfaces and * are normalised', () => {
    expect(parseListeners(SS)).toEqual([
      { protocol: 'tcp', hostIp: '0.0.0.0', port: 22, process: 'sshd', pid: 1 },
      { protocol: 'tcp', hostIp: '0.0.0.0', port: 8080, process: 'docker-proxy', pid: 812 },
      { protocol: 'tcp', hostIp: '127.0.0.1', port: 6379, process: 'redis-server', pid: 99 },
      { protocol: 'tcp', hostIp: '::', port: 22, process: 'sshd', pid: 1 },
      { protocol: 'udp', hostIp: '127.0.0.53', port: 53, process: 'systemd-resolve', pid: 500 },
      { protocol: 'tcp', hostIp: '0.0.0.0', port: 9000, process: null, pid: null },
    ]);
  });

  it('a wildcard bind overlaps everything; specific addresses only themselves and wildcards', () => {
    expect(addressesOverlap(undefined, '127.0.0.1')).toBe(true);
    expect(addressesOverlap('10.0.0.5', '::')).toBe(true);
    expect(addressesOverlap('10.0.0.5', '10.0.0.5')).toBe(true);
    expect(addressesOverlap('10.0.0.5', '127.0.0.1')).toBe(false);
  });
});

describe('port conflicts', () => {
  const held: HeldPort[] = [
    container(8080, 'shop-web-1', 'shop', 'web'),
    { port: 6379, protocol: 'tcp', hostIp: '127.0.0.1', holder: { kind: 'process', process: 'redis-server', pid: 99 } },
    { port: 53, protocol: 'udp', hostIp: '0.0.0.0', holder: { kind: 'process', process: null, pid: null } },
  ];

  it('finds the holder of each taken port, by protocol and address', () => {
    const conflicts = conflictsAmong('web-1', held, [
      { port: 8080, protocol: 'tcp' },
      { port: 8080, protocol: 'udp' },
      { port: 6379, protocol: 'tcp', hostIp: '10.0.0.5' },
      { port: 6379, protocol: 'tcp' },
      { port: 53, protocol: 'udp' },
    ]);
    expect(conflicts.map((c) => `${c.port}/${c.protocol}`)).toEqual(['8080/tcp', '6379/tcp', '53/udp']);
  });

  it('says host, port, holder and what to do', () => {
    const error = portConflictError(
      conflictsAmong('web-1', held, [
        { port: 8080, protocol: 'tcp' },
        { port: 6379, protocol: 'tcp' },
      ]),
    );
    expect(error).toBeInstanceOf(CrossdockError);
    expect(error.code).toBe('PORT_CONFLICT');
    expect(error.message).toBe(
      'host web-1: port 8080/tcp is taken by container shop-web-1 (project shop, service web), port 6379/tcp on 127.0.0.1 is taken by process redis-server (pid 99); choose another port',
    );
    // The client words the auto-ports remedy (a CLI flag, an app option): the core only names it.
    expect(error.message).not.toMatch(/--auto-ports/);
    expect(error.details.advice).toBe('auto-ports');
    expect(error.details).toMatchObject({
      host: 'web-1',
      port: 8080,
      protocol: 'tcp',
      holder: 'container shop-web-1 (project shop, service web)',
    });
    expect(
      portConflictError(conflictsAmong('db', held, [{ port: 53, protocol: 'udp' }]), 'pick another target').message,
    ).toMatch(/port 53\/udp is taken by a process outside Docker .*; pick another target$/);
    expect(
      portConflictError(conflictsAmong('db', held, [{ port: 53, protocol: 'udp' }]), 'pick another target').details,
    ).not.toHaveProperty('advice');
  });

  it('assigns the next free port above the wanted one, skipping held and reserved ones', () => {
    const busy = [...held, container(8081, 'x'), container(8083, 'y')];
    expect(nextFreePort(busy, { port: 8080, protocol: 'tcp' })).toBe(8082);
    expect(nextFreePort(busy, { port: 8080, protocol: 'tcp' }, new Set(['tcp/8082']))).toBe(8084);
    expect(nextFreePort(busy, { port: 8080, protocol: 'udp' })).toBe(8081);
    expect(nextFreePort([], { port: 65535, protocol: 'tcp' })).toBe(1024);
  });
});
