import { describe, expect, it } from 'vitest';
import type { BuildSpec } from './compose-model.js';
import { parseByteSize } from './build-syntax.js';
import { loadCompose } from './load-compose.js';

const loaded = (service: string, variables: Record<string, string> = {}) =>
  loadCompose({ compose: `services:\n  web:\n${service}`, variables });
const build = (service: string, variables: Record<string, string> = {}): BuildSpec | null | undefined =>
  loaded(service, variables).file?.services.web?.build;
const errors = (service: string): string[] =>
  loaded(service)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.line ?? '-'}: ${i.path}: ${i.message}`);

const DEFAULTS: BuildSpec = {
  context: '.',
  dockerfile: null,
  dockerfileInline: null,
  args: {},
  target: null,
  labels: {},
  network: null,
  shmSize: null,
  extraHosts: [],
  cacheFrom: [],
};

describe('build: in compose files', () => {
  it('reads the short syntax as a context folder, with no image needed', () => {
    const file = loaded('    build: ./app\n').file;
    expect(file?.services.web?.build).toEqual({ ...DEFAULTS, context: './app' });
    expect(file?.services.web?.image).toBeNull();
  });

  it('reads every supported key of the long syntax', () => {
    expect(
      build(
        `    image: shop/web:2
    build:
      context: web
      dockerfile: docker/Dockerfile.prod
      args:
        VERSION: 2
        DEBUG: false
        FROM_VARS:
        UNSET:
      target: runtime
      labels:
        team: shop
      network: host
      shm_size: 256m
      extra_hosts:
        - "db.internal:10.0.0.5"
        - "cache=10.0.0.6"
        - "v6:::1"
      cache_from: [shop/web:1]
`,
        { FROM_VARS: 'from-variables' },
      ),
    ).toEqual({
      context: 'web',
      dockerfile: 'docker/Dockerfile.prod',
      dockerfileInline: null,
      args: { VERSION: '2', DEBUG: 'false', FROM_VARS: 'from-variables' },
      target: 'runtime',
      labels: { team: 'shop' },
      network: 'host',
      shmSize: 256 * 1024 ** 2,
      extraHosts: ['db.internal:10.0.0.5', 'cache:10.0.0.6', 'v6:::1'],
      cacheFrom: ['shop/web:1'],
    });
  });

  it('reads args and labels as lists, extra_hosts as a map, and context defaulting to "."', () => {
    expect(
      build(
        `    build:
      args: [A=1, "B=x=y", FROM_VARS, UNSET]
      labels: ["a=b"]
      extra_hosts:
        one: 10.0.0.1
        two: [10.0.0.2, "::2"]
      shm_size: 1048576
      dockerfile_inline: |
        FROM busybox
        RUN echo hi
`,
        { FROM_VARS: 'v' },
      ),
    ).toEqual({
      ...DEFAULTS,
      args: { A: '1', B: 'x=y', FROM_VARS: 'v' },
      labels: { a: 'b' },
      extraHosts: ['one:10.0.0.1', 'two:10.0.0.2', 'two:::2'],
      shmSize: 1048576,
      dockerfileInline: 'FROM busybox\nRUN echo hi\n',
    });
  });

  it('refuses what it cannot build, each with its path and line', () => {
    expect(errors('    build: https://github.com/docker/app.git\n')).toEqual([
      '3: services.web.build: must be a folder: Crossdock packs the context from this computer (Git and URL contexts are not supported)',
    ]);
    expect(errors('    build:\n      dockerfile: A\n      dockerfile_inline: FROM x\n')).toEqual([
      '5: services.web.build.dockerfile_inline: give dockerfile or dockerfile_inline, not both',
    ]);
    expect(errors('    build:\n      secrets: [npm]\n      contxt: .\n')).toEqual([
      '4: services.web.build.secrets: not supported',
      '5: services.web.build.contxt: unknown key: did you mean "context"?',
    ]);
    expect(errors('    build:\n      shm_size: lots\n')).toEqual([
      '4: services.web.build.shm_size: "lots" is not a size like 64m or 2gb',
    ]);
    expect(errors('    build:\n      extra_hosts: [nohost]\n')).toEqual([
      '4: services.web.build.extra_hosts: "nohost" must be HOST:IP or HOST=IP',
    ]);
    expect(errors('    build: [.]\n')).toEqual([
      '3: services.web.build: must be a context folder, or { context, dockerfile, args, … }',
    ]);
  });

  it('names the context in the summary', () => {
    expect(loaded('    build: ./app\n').summary?.services[0]).toMatchObject({ name: 'web', image: '', build: './app' });
    expect(loaded('    image: nginx\n').summary?.services[0]).toMatchObject({ image: 'nginx', build: null });
  });
});

describe('parseByteSize', () => {
  it.each([
    ['64m', 64 * 1024 ** 2],
    ['2gb', 2 * 1024 ** 3],
    ['1.5k', 1536],
    ['512', 512],
    ['10B', 10],
    ['1G', 1024 ** 3],
  ])('%s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('refuses what is not a size', () => {
    expect(parseByteSize('12 parsecs')).toEqual({ error: '"12 parsecs" is not a size like 64m or 2gb' });
  });
});
