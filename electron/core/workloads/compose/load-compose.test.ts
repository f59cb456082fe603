import { describe, expect, it } from 'vitest';
import type { ComposeInput } from '../../../../shared/index.js';
import { loadCompose, normaliseFilePath } from './load-compose.js';

const load = (compose: string, extra: Omit<ComposeInput, 'compose'> = {}, stored = true) =>
  loadCompose({ compose, ...extra }, () => stored);
const errors = (compose: string, extra: Omit<ComposeInput, 'compose'> = {}) =>
  load(compose, extra)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.line ?? '-'}: ${i.path}: ${i.message}`);

const FULL = `name: shop
version: "3.9"
x-defaults: &defaults
  restart: unless-stopped
services:
  web:
    <<: *defaults
    image: "shop/web:\${TAG:-1.0}"
    command: ["serve", "--port", "80"]
    entrypoint: /entry.sh --verbose
    environment:
      MODE: production
      WORKERS: 4
      DEBUG: false
      FROM_VARS:
    env_file:
      - ./web.env
      - path: ./optional.env
        required: false
    ports:
      - "8080:80"
      - target: 443
        published: 8443
        protocol: tcp
        host_ip: 0.0.0.0
    volumes:
      - static:/srv/static:ro
      - /etc/shop:/etc/shop
      - type: volume
        source: uploads
        target: /srv/uploads
        volume: { nocopy: true }
      - type: bind
        source: /var/log/shop
        target: /logs
        read_only: true
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://localhost/health"]
      interval: 10s
      timeout: 2s
      retries: 5
      start_period: 30s
    labels:
      team: web
    depends_on:
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
    user: "1000:1000"
    working_dir: /srv
    networks:
      front:
      back:
        aliases: [shop-web]
    secrets:
      - source: db_password
        target: db.txt
        mode: "0400"
        uid: "1000"
    x-note: ignored
  db:
    image: postgres:16
    environment: [POSTGRES_DB=shop, POSTGRES_PASSWORD_FILE=/run/secrets/db_password]
    healthcheck:
      test: pg_isready -U postgres
    volumes: [pgdata:/var/lib/postgresql/data]
    networks: [back]
    secrets: [db_password]
    labels: ["tier=data"]
    restart: on-failure:3
  migrate:
    image: shop/web:1.0
    command: migrate --yes
    depends_on: [db]
    networks: [back]
    restart: "no"
volumes:
  static:
  uploads:
    labels: { keep: "yes" }
  pgdata:
    name: shop-pgdata
networks:
  front:
  back:
    driver: bridge
    internal: true
secrets:
  db_password:
    external: true
`;

describe('a compose file using every supported key', () => {
  const loaded = load(FULL, { files: { 'web.env': 'FROM_FILE=1\nMODE=dev\n' }, variables: { FROM_VARS: 'v' } });

  it('has no issues and resolves to the normalised model', () => {
    expect(loaded.issues).toEqual([]);
    const web = loaded.file?.services.web;
    expect(web).toMatchObject({
      image: 'shop/web:1.0',
      command: ['serve', '--port', '80'],
      entrypoint: ['/entry.sh', '--verbose'],
      restart: 'unless-stopped',
      user: '1000:1000',
      workingDir: '/srv',
      labels: { team: 'web' },
      networks: { front: { aliases: [] }, back: { aliases: ['shop-web'] } },
      secrets: [{ source: 'db_password', target: '/run/secrets/db.txt', uid: 1000, gid: 0, mode: 0o400 }],
      healthcheck: {
        test: ['CMD', 'wget', '-q', '-O-', 'http://localhost/health'],
        interval: 10e9,
        timeout: 2e9,
        retries: 5,
        startPeriod: 30e9,
        startInterval: null,
      },
      dependsOn: {
        db: { condition: 'service_healthy', restart: false, required: true },
        migrate: { condition: 'service_completed_successfully', restart: false, required: true },
      },
      ports: [
        { published: 8080, target: 80, protocol: 'tcp', hostIp: null },
        { published: 8443, target: 443, protocol: 'tcp', hostIp: '0.0.0.0' },
      ],
    });
    expect(web?.volumes.map((v) => [v.type, v.source, v.target, v.readOnly, v.noCopy])).toEqual([
      ['volume', 'static', '/srv/static', true, false],
      ['bind', '/etc/shop', '/etc/shop', false, false],
      ['volume', 'uploads', '/srv/uploads', false, true],
      ['bind', '/var/log/shop', '/logs', true, false],
    ]);
    expect(loaded.file?.services.db).toMatchObject({
      restart: 'on-failure:3',
      labels: { tier: 'data' },
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres'] },
    });
    expect(loaded.file?.services.migrate).toMatchObject({
      command: ['migrate', '--yes'],
      restart: 'no',
      dependsOn: { db: { condition: 'service_started' } },
    });
    expect(loaded.file?.volumes).toEqual({
      static: { external: false, name: null, driverOpts: {}, labels: {} },
      uploads: { external: false, name: null, driverOpts: {}, labels: { keep: 'yes' } },
      pgdata: { external: false, name: 'shop-pgdata', driverOpts: {}, labels: {} },
    });
    expect(loaded.file?.networks.back).toEqual({ external: false, name: null, internal: true, labels: {} });
    expect(loaded.file?.secrets).toEqual({ db_password: { vaultName: 'db_password' } });
  });

  it('merges env_file under environment, and fills bare keys from the variables', () => {
    expect(loaded.environments.web).toEqual({
      FROM_FILE: '1',
      MODE: 'production',
      WORKERS: '4',
      DEBUG: 'false',
      FROM_VARS: 'v',
    });
    expect(loaded.environments.db).toEqual({ POSTGRES_DB: 'shop', POSTGRES_PASSWORD_FILE: '/run/secrets/db_password' });
  });

  it('orders services after their dependencies and summarises the file', () => {
    expect(loaded.order).toEqual(['db', 'migrate', 'web']);
    expect(loaded.summary).toMatchObject({
      name: 'shop',
      services: [
        { name: 'db' },
        { name: 'migrate', dependsOn: ['db'] },
        { name: 'web', image: 'shop/web:1.0', dependsOn: ['db', 'migrate'] },
      ],
      volumes: ['static', 'uploads', 'pgdata'],
      networks: ['front', 'back'],
      envFiles: [
        { path: './web.env', required: true, provided: true },
        { path: './optional.env', required: false, provided: false },
      ],
      secrets: [{ name: 'db_password', vaultName: 'db_password', stored: true }],
      variables: ['TAG'],
    });
  });
});

describe('unsupported keys are refused with their path and line', () => {
  it.each([
    [
      'deploy.placement',
      'deploy: { placement: { constraints: [] } }',
      'not supported: a Swarm option: a single engine has no nodes or service tasks',
    ],
    [
      'deploy.replicas',
      'deploy: { replicas: 2 }',
      'must be 1: Crossdock runs one container per service (scale is not supported yet)',
    ],
    ['annotations', 'annotations: { a: b }', 'not supported'],
    ['post_start', 'post_start: [{ command: ls }]', 'not supported'],
    ['gpus', 'gpus: all', 'not supported'],
    ['extends', 'extends: { service: base }', 'not supported: write the service out in full'],
    ['scale', 'scale: 3', 'not supported: Crossdock runs one container per service'],
    ['use_api_socket', 'use_api_socket: true', 'not supported'],
  ])('services.web.%s', (key, line, message) => {
    expect(errors(`services:\n  web:\n    image: nginx\n    ${line}\n`)).toEqual([
      `4: services.web.${key}: ${message}`,
    ]);
  });

  it.each([
    [
      'configs',
      'configs:\n  c: { file: ./c.conf }',
      'not supported: put the file in an image or a volume, or use a secret',
    ],
    ['include', 'include: [other.yaml]', 'not supported: put everything in one file'],
    ['models', 'models: {}', 'not supported'],
  ])('top-level %s', (key, text, message) => {
    expect(errors(`services:\n  web:\n    image: nginx\n${text}\n`)).toEqual([`4: ${key}: ${message}`]);
  });

  it('keys inside nested definitions, each with its own line', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx',
      '    ports:',
      '      - target: 80',
      '        published: 8080',
      '        x_forwarded: true',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      frequency: 5s',
      '    depends_on:',
      '      db: { condition: service_started, delay: 3 }',
      '    networks:',
      '      back: { ipv4_address: 10.0.0.5 }',
      '    secrets:',
      '      - { source: s, owner: me }',
      '  db:',
      '    image: postgres',
      'networks:',
      '  back: { ipam: {} }',
      'volumes:',
      '  data: { driver: local, size: 10G }',
      'secrets:',
      '  s:',
      '    file: ./s.txt',
      '    external: true',
    ].join('\n');
    expect(errors(text)).toEqual([
      '7: services.web.ports.0.x_forwarded: unknown key: not part of the Compose Specification',
      '10: services.web.healthcheck.frequency: unknown key: not part of the Compose Specification',
      '12: services.web.depends_on.db.delay: unknown key: not part of the Compose Specification',
      '14: services.web.networks.back.ipv4_address: not supported',
      '16: services.web.secrets.0.owner: unknown key: not part of the Compose Specification',
      '20: networks.back.ipam: not supported',
      '22: volumes.data.size: not supported',
      '25: secrets.s.file: not supported: store the value in the vault ("crossdock secret set NAME") and declare the secret with external: true',
    ]);
  });
});

describe('typos are told apart from keys Crossdock refuses', () => {
  it.each([
    ['services:\n  web:\n    imagee: nginx\n', '3: services.web.imagee: unknown key: did you mean "image"?'],
    [
      'services:\n  web:\n    image: nginx\n    enviroment: { A: b }\n',
      '4: services.web.enviroment: unknown key: did you mean "environment"?',
    ],
    [
      'services:\n  web:\n    image: nginx\n    Ports: ["80:80"]\n',
      '4: services.web.Ports: unknown key: did you mean "ports"?',
    ],
    [
      'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: [CMD, "true"]\n      intervall: 5s\n',
      '6: services.web.healthcheck.intervall: unknown key: did you mean "interval"?',
    ],
    ['services:\n  web:\n    image: nginx\nvolume:\n  data: {}\n', '4: volume: unknown key: did you mean "volumes"?'],
    [
      'services:\n  web:\n    image: nginx\n    flavour: mint\n',
      '4: services.web.flavour: unknown key: not part of the Compose Specification',
    ],
  ])('%s', (text, expected) => {
    expect(errors(text)).toContain(expected);
  });
});

describe('bad values are refused with their path and line', () => {
  const service = (lines: string): string => `services:\n  web:\n    image: nginx\n${lines}`;
  it.each([
    ['    ports: ["8080:80/sctp"]\n', '4: services.web.ports.0: protocol "sctp" is not supported; use tcp or udp'],
    ['    ports: "8080:80"\n', '4: services.web.ports: must be a list'],
    ['    ports: [{ published: 8080 }]\n', '4: services.web.ports.0.target: is required'],
    [
      '    volumes: ["./data:/data"]\n',
      '4: services.web.volumes.0: the bind source "./data" is relative: the compose file is on this computer but the container runs on the host, so give an absolute path on the host',
    ],
    [
      '    volumes: [{ type: tmpfs, target: /t }]\n',
      '4: services.web.volumes.0.type: must be volume or bind (tmpfs and the other types are not supported)',
    ],
    ['    restart: sometimes\n', '4: services.web.restart: must be no, always, on-failure[:N] or unless-stopped'],
    [
      '    healthcheck:\n      interval: soon\n',
      '5: services.web.healthcheck.interval: "soon" is not a duration like 30s or 1m30s',
    ],
    [
      '    healthcheck:\n      test: [RUN, x]\n',
      '5: services.web.healthcheck.test: must start with CMD, CMD-SHELL or NONE',
    ],
    [
      '    depends_on:\n      db: { condition: service_ready }\n',
      '5: services.web.depends_on.db.condition: must be one of service_started, service_healthy, service_completed_successfully',
    ],
    ['    environment: 42\n', '4: services.web.environment: must be a map or a list of KEY=VALUE'],
    ['    command: "echo \'open"\n', '4: services.web.command: "echo \'open" has an unclosed quote'],
    ['    depends_on: [cache]\n', '4: services.web.depends_on: there is no service "cache"'],
    ['    depends_on: [web]\n', '4: services.web.depends_on: a service cannot depend on itself'],
    [
      '    networks: [nowhere]\n',
      '4: services.web.networks: network "nowhere" is not declared under the top-level networks:',
    ],
    [
      '    volumes: ["data:/data"]\n',
      '4: services.web.volumes.0: volume "data" is not declared under the top-level volumes:',
    ],
    [
      '    secrets: [token]\n',
      '4: services.web.secrets.0: secret "token" is not declared under the top-level secrets:',
    ],
    [
      '    env_file: ./web.env\n',
      '4: services.web.env_file.0: the env file "./web.env" was not given: the CLI reads it next to the compose file; in the app, add it to the deploy',
    ],
    ['    user: [root]\n', '4: services.web.user: must be a string, number or boolean'],
  ])('%s', (lines, expected) => {
    expect(errors(service(lines))).toEqual([expected]);
  });

  it('a service with neither image nor build says to give one', () => {
    expect(errors('services:\n  web:\n    ports: ["80"]\n')).toEqual([
      '2: services.web.image: is required: give image: to run an image, or build: to build one',
    ]);
  });

  it('reads pull_policy (if_not_present as missing, missing by default); build only with a build section', () => {
    const policy = (line: string) =>
      load(`services:\n  web:\n    image: nginx\n${line}`).file?.services.web?.pullPolicy;
    expect(policy('')).toBe('missing');
    expect(policy('    pull_policy: if_not_present\n')).toBe('missing');
    expect(policy('    pull_policy: always\n')).toBe('always');
    expect(policy('    pull_policy: never\n')).toBe('never');
    expect(errors('services:\n  web:\n    image: nginx\n    pull_policy: build\n')).toEqual([
      '4: services.web.pull_policy: build needs a build: section saying how to build the image',
    ]);
    expect(policy('    build: .\n    pull_policy: build\n')).toBe('build');
    expect(errors('services:\n  web:\n    image: nginx\n    pull_policy: sometimes\n')).toEqual([
      expect.stringContaining('must be missing, always, never, build or if_not_present'),
    ]);
  });

  it('overlay networks and other volume drivers are refused', () => {
    expect(
      errors(
        'services:\n  web: { image: nginx }\nnetworks:\n  mesh:\n    driver: overlay\nvolumes:\n  v:\n    driver: nfs\n',
      ),
    ).toEqual([
      '5: networks.mesh.driver: only bridge networks are supported: Crossdock publishes ports on the host instead of an overlay network',
      '8: volumes.v.driver: only the local driver is supported',
    ]);
  });

  it('a secret must come from the vault', () => {
    expect(errors('services:\n  web: { image: nginx, secrets: [s] }\nsecrets:\n  s: { name: other }\n')).toEqual([
      '4: secrets.s.external: must be true: a secret\'s value comes from the vault ("crossdock secret set NAME")',
    ]);
  });

  it('two services on the same host port, and depends_on cycles', () => {
    expect(
      errors(
        'services:\n  a: { image: x, ports: ["80:80"], depends_on: [b] }\n  b: { image: x, ports: ["80:81"], depends_on: [a] }\n',
      ),
    ).toEqual([
      '2: services.a.depends_on: depends_on forms a cycle: a → b → a',
      '3: services.b.ports: host port 80/tcp is also published by service "a"',
    ]);
    expect(
      errors('services:\n  a: { image: x, ports: ["127.0.0.1:80:80", "127.0.0.2:80:80", "80:80/udp"] }\n'),
    ).toEqual([]);
  });

  it('YAML syntax errors and duplicate keys have their line', () => {
    expect(errors('services:\n  web:\n    image: nginx\n   ports: [80\n')[0]).toMatch(/^4: : not valid YAML: /);
    expect(errors('services:\n  web:\n    image: nginx\n    image: redis\n')[0]).toMatch(
      /^4: : not valid YAML: Map keys must be unique/,
    );
    // The line and column travel as fields: the message does not repeat them or end in a colon.
    for (const message of [
      ...errors('services:\n  web:\n    image: nginx\n   ports: [80\n'),
      ...errors('services:\n  web:\n    image: nginx\n    image: redis\n'),
    ]) {
      expect(message).not.toMatch(/at line \d+|:$/);
    }
    expect(errors('- just\n- a list\n')).toEqual(['1: : a compose file is a map with a services: key']);
    expect(errors('name: x\n')).toEqual(['1: services: is required: a compose file needs at least one service']);
  });

  it('an interpolation error points at the value that has it', () => {
    expect(errors('services:\n  web:\n    image: "nginx:${TAG:?set TAG to the release}"\n')).toEqual([
      '3: services.web.image: variable TAG is required: set TAG to the release',
    ]);
    expect(load('services:\n  web:\n    image: "nginx:$TAG"\n').issues).toEqual([
      {
        path: 'services.web.image',
        line: 3,
        column: 12,
        message: 'variable TAG is not set: using an empty string',
        severity: 'warning',
      },
    ]);
  });
});

describe('variables and files', () => {
  it('takes variables over .env, and .env over nothing', () => {
    const compose = 'services:\n  web:\n    image: "app:${TAG}"\n    ports: ["${PORT:-80}:80"]\n';
    expect(load(compose, { files: { '.env': 'TAG=from-dotenv\nPORT=81\n' } }).file?.services.web).toMatchObject({
      image: 'app:from-dotenv',
      ports: [{ published: 81 }],
    });
    expect(
      load(compose, { files: { './.env': 'TAG=from-dotenv\n' }, variables: { TAG: 'from-shell' } }).file?.services.web
        ?.image,
    ).toBe('app:from-shell');
  });

  it('names the same file however the path is written', () => {
    expect(normaliseFilePath('./conf/web.env')).toBe('conf/web.env');
    expect(normaliseFilePath('conf/../web.env')).toBe('web.env');
    expect(normaliseFilePath('/abs/./x.env')).toBe('/abs/x.env');
  });

  it('an env file line that is not KEY=VALUE is an error naming the file and line', () => {
    expect(
      errors('services:\n  web:\n    image: x\n    env_file: [a.env]\n', { files: { 'a.env': 'OK=1\nbad line\n' } }),
    ).toEqual(['4: services.web.env_file.0: a.env line 2: "bad line" is not KEY=VALUE']);
  });

  it('a secret missing from the vault is a warning, not an error', () => {
    const loaded = load(
      'services:\n  web: { image: x, secrets: [s] }\nsecrets:\n  s: { external: true, name: shop-s }\n',
      {},
      false,
    );
    expect(loaded.file).not.toBeNull();
    expect(loaded.issues).toEqual([
      {
        path: 'secrets.s',
        line: 4,
        column: 6,
        message: 'the vault has no secret "shop-s": store it with "crossdock secret set shop-s" before deploying',
        severity: 'warning',
      },
    ]);
    expect(loaded.summary?.secrets).toEqual([{ name: 's', vaultName: 'shop-s', stored: false }]);
  });
});
