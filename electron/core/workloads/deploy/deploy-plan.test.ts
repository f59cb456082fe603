import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { loadCompose } from '../compose/load-compose.js';
import { configHash } from './config-hash.js';
import { containerCreateOptions, extraNetworks, resourceNames } from './container-spec.js';
import { planDeploy, toExistingContainer, type ExistingContainer } from './deploy-plan.js';

const container = (service: string, hash: string, extra: Partial<ExistingContainer> = {}): ExistingContainer => ({
  id: `id-${service}-${extra.number ?? 1}`,
  name: `p-${service}-${extra.number ?? 1}`,
  service,
  number: 1,
  oneoff: false,
  configHash: hash,
  imageId: 'sha256:img',
  running: true,
  ...extra,
});

describe('deploy plan', () => {
  const desired = [
    { name: 'db', configHash: 'h-db', imageId: 'sha256:img' },
    { name: 'web', configHash: 'h-web2', imageId: 'sha256:img' },
    { name: 'worker', configHash: 'h-w', imageId: 'sha256:new' },
    { name: 'cron', configHash: 'h-c', imageId: 'sha256:img' },
    { name: 'api', configHash: 'h-a', imageId: 'sha256:img' },
  ];

  it('creates what is missing, recreates what changed (config or image), starts what is stopped, keeps the rest', () => {
    const plan = planDeploy(desired, [
      container('db', 'h-db'),
      container('web', 'h-web1'),
      container('worker', 'h-w'),
      container('cron', 'h-c', { running: false }),
      container('old', 'h-o'),
      container('db', 'h-db', { number: 2 }),
      container('api', 'h-x', { oneoff: true, name: 'p-api-run-1' }),
    ]);
    expect(plan.services.map((s) => `${s.name}:${s.action}`)).toEqual([
      'db:unchanged',
      'web:recreate',
      'worker:recreate',
      'cron:start',
      'api:create',
    ]);
    expect(plan.obsolete.map((c) => c.name).sort()).toEqual(['p-db-2', 'p-old-1']);
  });

  it('recreates everything when forced (a secret changed in the vault)', () => {
    const plan = planDeploy(
      [{ name: 'db', configHash: 'h-db', imageId: 'sha256:img' }],
      [container('db', 'h-db')],
      true,
    );
    expect(plan.services.map((s) => `${s.name}:${s.action}`)).toEqual(['db:recreate']);
  });

  it('recreates a service that names a renewed container by id (a shared namespace, volumes_from)', () => {
    const shared = [
      { name: 'app', configHash: 'h-app2', imageId: 'sha256:img' },
      { name: 'agent', configHash: 'h-agent', imageId: 'sha256:img', sharesWith: ['app'] },
      { name: 'other', configHash: 'h-other', imageId: 'sha256:img' },
    ];
    const existing = [container('app', 'h-app'), container('agent', 'h-agent'), container('other', 'h-other')];
    expect(planDeploy(shared, existing).services.map((s) => `${s.name}:${s.action}`)).toEqual([
      'app:recreate',
      'agent:recreate',
      'other:unchanged',
    ]);
    const unchanged = [container('app', 'h-app2'), container('agent', 'h-agent'), container('other', 'h-other')];
    expect(planDeploy(shared, unchanged).services.map((s) => s.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  it('reads containers from the engine by their compose labels', () => {
    const info = {
      Id: 'abc',
      Names: ['/shop-web-1'],
      ImageID: 'sha256:i',
      State: 'exited',
      Labels: {
        'com.docker.compose.service': 'web',
        'com.docker.compose.container-number': '1',
        'com.docker.compose.oneoff': 'False',
        'com.docker.compose.config-hash': 'h',
      },
    } as unknown as Dockerode.ContainerInfo;
    expect(toExistingContainer(info)).toEqual({
      id: 'abc',
      name: 'shop-web-1',
      service: 'web',
      number: 1,
      oneoff: false,
      configHash: 'h',
      imageId: 'sha256:i',
      running: false,
    });
  });
});

describe('config hash and container options', () => {
  const compose = (web: string): ReturnType<typeof loadCompose> =>
    loadCompose({
      compose: `services:\n  web:\n${web}\n  db: { image: postgres, networks: [back] }\nnetworks:\n  back:\nvolumes:\n  data:\n`,
    });
  const hashOf = (web: string, project = 'shop'): string => {
    const loaded = compose(web);
    if (!loaded.file) throw new Error(JSON.stringify(loaded.issues));
    const names = resourceNames(project, loaded.file);
    return configHash(loaded.file.services.web!, {
      environment: loaded.environments.web ?? {},
      networkNames: names.networks,
      volumeNames: names.volumes,
    });
  };

  it('is the same for the same service however it is written, and changes with what matters', () => {
    const base = hashOf('    image: app:1\n    ports: ["8080:80"]\n    environment: { A: "1", B: "2" }');
    expect(hashOf('    environment: [B=2, A=1]\n    ports: [{ target: 80, published: 8080 }]\n    image: app:1')).toBe(
      base,
    );
    expect(hashOf('    image: app:2\n    ports: ["8080:80"]\n    environment: { A: "1", B: "2" }')).not.toBe(base);
    expect(hashOf('    image: app:1\n    ports: ["8081:80"]\n    environment: { A: "1", B: "2" }')).not.toBe(base);
    expect(hashOf('    image: app:1\n    ports: ["8080:80"]\n    environment: { A: "1", B: "3" }')).not.toBe(base);
    expect(hashOf('    image: app:1\n    ports: ["8080:80"]\n    environment: { A: "1", B: "2" }', 'other')).not.toBe(
      base,
    );
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change with pull_policy (how the image arrives is not the container’s configuration)', () => {
    const base = hashOf('    image: app:1\n    ports: ["8080:80"]');
    expect(hashOf('    image: app:1\n    ports: ["8080:80"]\n    pull_policy: always')).toBe(base);
    expect(hashOf('    image: app:1\n    ports: ["8080:80"]\n    pull_policy: never')).toBe(base);
  });

  it('builds the Docker create options with compose labels, ports, mounts, networks and healthcheck', () => {
    const loaded = compose(
      '    image: app:1\n    command: serve\n    ports: ["8080:80", "127.0.0.1:9000:9000/udp"]\n    volumes: [data:/data, /srv:/srv:ro, /var/log/app:/logs, "/etc/app:/etc/app:ro,Z"]\n    networks: { default: {}, back: { aliases: [api] } }\n    restart: on-failure:2\n    healthcheck: { test: [CMD, "true"], interval: 1s, retries: 3 }\n    labels: { team: web }\n    depends_on: { db: { condition: service_started } }\n    user: "1000"',
    );
    if (!loaded.file) throw new Error(JSON.stringify(loaded.issues));
    const file = loaded.file;
    const names = resourceNames('shop', file);
    const options = containerCreateOptions(file.services.web!, {
      project: 'shop',
      service: 'web',
      environment: { A: '1' },
      names,
      configHash: 'hash',
      imageId: 'sha256:img',
      configFile: '/home/me/shop/compose.yaml',
      workingDir: '/home/me/shop',
      portOverrides: new Map([['80/tcp/8080', 8081]]),
    });
    expect(options).toMatchObject({
      name: 'shop-web-1',
      Image: 'app:1',
      Cmd: ['serve'],
      Env: ['A=1'],
      User: '1000',
      ExposedPorts: { '80/tcp': {}, '9000/udp': {} },
      Healthcheck: { Test: ['CMD', 'true'], Interval: 1e9, Retries: 3 },
      HostConfig: {
        PortBindings: {
          '80/tcp': [{ HostIp: '', HostPort: '8081' }],
          '9000/udp': [{ HostIp: '127.0.0.1', HostPort: '9000' }],
        },
        Binds: ['/srv:/srv:ro', '/var/log/app:/logs:rw', '/etc/app:/etc/app:ro,Z'],
        Mounts: [{ Type: 'volume', Source: 'shop_data', Target: '/data', ReadOnly: false, VolumeOptions: {} }],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
        ExtraHosts: [],
        // Networks in docker compose's order (by key at equal priority): back before default.
        NetworkMode: 'shop_back',
      },
      AttachStdout: true,
      AttachStderr: true,
      NetworkingConfig: { EndpointsConfig: { shop_back: { Aliases: ['shop-web-1', 'web', 'api'], IPAMConfig: {} } } },
    });
    expect(options.Labels).toEqual({
      team: 'web',
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': 'hash',
      'com.docker.compose.project.config_files': '/home/me/shop/compose.yaml',
      'com.docker.compose.project.working_dir': '/home/me/shop',
      'com.docker.compose.version': '2.20.0',
      'com.docker.compose.depends_on': 'db:service_started:false',
      'com.docker.compose.image': 'sha256:img',
      'crossdock.managed': 'true',
    });
    expect(extraNetworks(file.services.web!, 'shop', 'web', names)).toEqual([
      { name: 'shop_default', endpoint: { Aliases: ['shop-web-1', 'web'], IPAMConfig: {} } },
    ]);
  });
});
