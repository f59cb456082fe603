import { describe, expect, it } from 'vitest';
import { splitCommand } from './command-words.js';
import { parseDuration } from './durations.js';
import { parseEnvFile } from './env-file.js';
import { parseLongPort, parseShortPort } from './port-syntax.js';
import { parseShortVolume } from './volume-syntax.js';

describe('ports, short syntax', () => {
  it.each([
    ['80', [{ published: null, target: 80, protocol: 'tcp', hostIp: null }]],
    ['8080:80', [{ published: 8080, target: 80, protocol: 'tcp', hostIp: null }]],
    ['127.0.0.1:5432:5432', [{ published: 5432, target: 5432, protocol: 'tcp', hostIp: '127.0.0.1' }]],
    ['53:53/udp', [{ published: 53, target: 53, protocol: 'udp', hostIp: null }]],
    ['[::1]:9000:9000', [{ published: 9000, target: 9000, protocol: 'tcp', hostIp: '::1' }]],
    ['127.0.0.1::80', [{ published: null, target: 80, protocol: 'tcp', hostIp: '127.0.0.1' }]],
    [
      '9000-9001:8000-8001',
      [
        { published: 9000, target: 8000, protocol: 'tcp', hostIp: null },
        { published: 9001, target: 8001, protocol: 'tcp', hostIp: null },
      ],
    ],
  ])('%s', (text, ports) => {
    expect(parseShortPort(text)).toEqual({ ports });
  });

  it('takes a YAML number as a container port', () => {
    expect(parseShortPort(3000)).toEqual({ ports: [{ published: null, target: 3000, protocol: 'tcp', hostIp: null }] });
  });

  it.each([
    ['8080:80/sctp', 'protocol "sctp" is not supported; use tcp or udp'],
    ['http:80', '"http" is not a port number or range (1-65535)'],
    ['8080:0', '"0" is not a port number or range (1-65535)'],
    ['70000:80', '"70000" is not a port number or range (1-65535)'],
    [
      '8000-8002:80',
      '"8000-8002:80": a host port range must be as long as the container port range (Crossdock publishes each port on a fixed host port)',
    ],
    ['a:b:c:d', '"a:b:c:d" is not [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]'],
    ['host.example:80:80', '"host.example" is not an IP address'],
  ])('%s is refused', (text, error) => {
    expect(parseShortPort(text)).toEqual({ error });
  });

  it('long syntax: published as a number or a string, optional', () => {
    expect(parseLongPort({ target: 80, published: '8080', protocol: 'tcp', host_ip: '0.0.0.0' })).toEqual({
      ports: [{ published: 8080, target: 80, protocol: 'tcp', hostIp: '0.0.0.0' }],
    });
    expect(parseLongPort({ target: 53, protocol: 'udp' })).toEqual({
      ports: [{ published: null, target: 53, protocol: 'udp', hostIp: null }],
    });
    expect(parseLongPort({ target: 80, published: 'x' })).toEqual({
      error: '"x" is not a port number or range (1-65535)',
    });
  });
});

describe('volumes, short syntax', () => {
  it('a name is a named volume, an absolute path a bind, a lone path an anonymous volume', () => {
    expect(parseShortVolume('data:/var/lib/data')).toEqual({
      mount: {
        type: 'volume',
        source: 'data',
        target: '/var/lib/data',
        readOnly: false,
        createHostPath: true,
        noCopy: false,
        volumeOptions: true,
      },
    });
    expect(parseShortVolume('/srv/conf:/etc/app:ro')).toEqual({
      mount: {
        type: 'bind',
        source: '/srv/conf',
        target: '/etc/app',
        readOnly: true,
        createHostPath: true,
        noCopy: false,
      },
    });
    expect(parseShortVolume('/cache')).toEqual({
      mount: {
        type: 'volume',
        source: null,
        target: '/cache',
        readOnly: false,
        createHostPath: false,
        noCopy: false,
        volumeOptions: true,
      },
    });
    expect(parseShortVolume('data:/d:ro,nocopy')).toMatchObject({ mount: { readOnly: true, noCopy: true } });
  });

  it.each([
    ['./data:/data', /relative: .*absolute path on the host/],
    ['~/data:/data', /relative/],
    ['data:relative', /the container path "relative" must be absolute/],
    ['data:/d:rx', /access mode "rx" is not supported/],
    ['a:b:c:d', /is not SOURCE:TARGET/],
  ])('%s is refused', (text, error) => {
    const result = parseShortVolume(text);
    expect('error' in result && result.error).toMatch(error);
  });
});

describe('durations, commands, env files', () => {
  it.each([
    ['30s', 30e9],
    ['1m30s', 90e9],
    ['500ms', 5e8],
    ['1.5h', 5400e9],
    ['0', 0],
    ['10', null],
    ['s', null],
    ['1x', null],
  ])('duration %s', (text, ns) => {
    expect(parseDuration(text)).toBe(ns);
  });

  it('splits commands with POSIX quoting', () => {
    expect(splitCommand(`sh -c 'echo "hi there" && exit 1'`)).toEqual(['sh', '-c', 'echo "hi there" && exit 1']);
    expect(splitCommand('a "b \\"c\\"" d\\ e ""')).toEqual(['a', 'b "c"', 'd e', '']);
    expect(splitCommand("echo 'open")).toBeNull();
  });

  it('reads env files like docker compose', () => {
    const text = [
      '# comment',
      '',
      'A=1',
      'export B=two words',
      "C='single $x'",
      'D="line\\nnext"',
      'E=value # comment',
      'F=',
      'G',
      'not a line',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({
      values: { A: '1', B: 'two words', C: 'single $x', D: 'line\nnext', E: 'value', F: '' },
      problems: [{ line: 10, message: '"not a line" is not KEY=VALUE' }],
    });
  });
});
