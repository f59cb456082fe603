import { describe, expect, it } from 'vitest';
import { loadCompose } from '../compose/load-compose.js';
import { optionSettings, restartPolicy, sharedServices } from './container-options.js';
import { configHash } from './config-hash.js';
import { composeLinks, containerCreateOptions, networksByPriority, resourceNames } from './container-spec.js';

const web = (lines: string, extra = '') => {
  const loaded = loadCompose({ compose: `services:\n  web:\n    image: nginx\n${lines}\n${extra}` });
  const spec = loaded.file?.services.web;
  if (!spec) throw new Error(JSON.stringify(loaded.issues));
  return spec;
};

describe('optionSettings: the create request docker compose makes from the keys', () => {
  it('sends nothing for a service that sets none of them', () => {
    expect(optionSettings(web('').options, {})).toEqual({ config: {}, host: {} });
  });

  it('maps each key to its Config or HostConfig field', () => {
    const spec = web(
      [
        '    hostname: web01',
        '    domainname: shop.internal',
        '    tty: true',
        '    stdin_open: true',
        '    stop_signal: SIGINT',
        '    stop_grace_period: 1m30.9s',
        '    cap_add: [NET_ADMIN]',
        '    read_only: true',
        '    tmpfs: [/tmp, "/run:size=64m,mode=1777"]',
        '    ulimits: { nofile: { soft: 1, hard: 2 } }',
        '    security_opt: [systempaths=unconfined, no-new-privileges:true]',
        '    logging: { driver: local }',
        '    cpus: 0.1',
        '    mem_limit: 1g',
        '    pids_limit: 0',
      ].join('\n'),
    );
    expect(optionSettings(spec.options, {})).toEqual({
      config: {
        Hostname: 'web01',
        Domainname: 'shop.internal',
        Tty: true,
        OpenStdin: true,
        StopSignal: 'SIGINT',
        StopTimeout: 90,
      },
      host: {
        CapAdd: ['NET_ADMIN'],
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': '', '/run': 'size=64m,mode=1777' },
        Ulimits: [{ Name: 'nofile', Soft: 1, Hard: 2 }],
        SecurityOpt: ['no-new-privileges:true'],
        MaskedPaths: [],
        ReadonlyPaths: [],
        LogConfig: { Type: 'local' },
        // int64(float32(0.1) * 1e9) in Go.
        NanoCpus: 100000000,
        Memory: 1024 ** 3,
      },
    });
  });

  it('lets deploy.resources override the service keys, and resolves service:NAME to the container', () => {
    const spec = web(
      '    network_mode: service:db\n    ipc: service:db\n    mem_reservation: 64m\n    deploy:\n      resources:\n        limits: { cpus: "1.5", memory: 512m, pids: 50 }\n        reservations: { memory: 64m }',
      '  db: { image: postgres }',
    );
    expect(sharedServices(spec.options)).toEqual(['db']);
    expect(optionSettings(spec.options, { db: 'abc123' }).host).toEqual({
      NetworkMode: 'container:abc123',
      IpcMode: 'container:abc123',
      NanoCpus: 1.5e9,
      Memory: 512 * 1024 ** 2,
      MemoryReservation: 64 * 1024 ** 2,
      PidsLimit: 50,
    });
  });
});

describe('optionSettings: namespaces, devices, cgroups, volumes_from', () => {
  it('maps them as compose does, resolving a service to its container and dropping the :ro of volumes_from', () => {
    const spec = web(
      [
        '    runtime: runc',
        '    devices: ["/dev/fuse", "/dev/urandom:/dev/hwrng:r"]',
        '    device_cgroup_rules: ["c 10:200 rwm"]',
        '    userns_mode: host',
        '    uts: host',
        '    cgroup: private',
        '    cgroup_parent: ci.slice',
        '    oom_kill_disable: true',
        '    cpu_period: 100000',
        '    cpu_quota: 50000',
        '    mem_swappiness: 0',
        '    volumes_from: ["db:ro", "container:legacy:rw"]',
      ].join('\n'),
      '  db: { image: postgres }',
    );
    expect(spec.dependsOn).toEqual({ db: { condition: 'service_started', restart: false, required: true } });
    expect(sharedServices(spec.options)).toEqual(['db']);
    expect(optionSettings(spec.options, { db: 'abc123' }).host).toEqual({
      Runtime: 'runc',
      Devices: [
        { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
        { PathOnHost: '/dev/urandom', PathInContainer: '/dev/hwrng', CgroupPermissions: 'r' },
      ],
      DeviceCgroupRules: ['c 10:200 rwm'],
      UsernsMode: 'host',
      UTSMode: 'host',
      CgroupnsMode: 'private',
      CgroupParent: 'ci.slice',
      OomKillDisable: true,
      VolumesFrom: ['abc123', 'legacy'],
      CpuPeriod: 100000,
      CpuQuota: 50000,
    });
  });
});

describe('restartPolicy', () => {
  it('takes deploy.restart_policy over restart:, in the engine’s words', () => {
    expect(restartPolicy(web('    restart: always'))).toEqual({ Name: 'always' });
    expect(restartPolicy(web('    restart: on-failure:3'))).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(
      restartPolicy(
        web('    restart: always\n    deploy: { restart_policy: { condition: on-failure, max_attempts: 2 } }'),
      ),
    ).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
    expect(restartPolicy(web('    deploy: { restart_policy: { condition: any } }'))).toEqual({
      Name: 'always',
      MaximumRetryCount: 0,
    });
    expect(restartPolicy(web('    deploy: { restart_policy: { condition: none } }'))).toEqual({
      Name: 'no',
      MaximumRetryCount: 0,
    });
  });
});

describe('config hash', () => {
  const hash = (lines: string) =>
    configHash(web(lines), { environment: {}, networkNames: { default: 'p_default' }, volumeNames: {} });
  it('is what it was before these keys existed for a file without them, and changes with each', () => {
    const base = hash('');
    const { options: _, ...before } = web('');
    expect(
      configHash(before as ReturnType<typeof web>, {
        environment: {},
        networkNames: { default: 'p_default' },
        volumeNames: {},
      }),
    ).toBe(base);
    for (const line of ['    hostname: a', '    cap_add: [NET_ADMIN]', '    mem_limit: 1g', '    container_name: xy'])
      expect(hash(line)).not.toBe(base);
    expect(hash('    mem_limit: 1g')).toBe(hash('    mem_limit: 1024m'));
  });
});

describe('networksByPriority', () => {
  it('puts the highest priority first, then orders by key, as compose-go does', () => {
    const spec = web(
      '    networks:\n      b: { priority: 10 }\n      c: { priority: 100 }\n      a: {}',
      'networks:\n  a:\n  b:\n  c:',
    );
    expect(networksByPriority(spec).map(([key]) => key)).toEqual(['c', 'b', 'a']);
  });
});

describe('composeLinks', () => {
  it('writes links as docker compose does, with the linked service as a dependency', () => {
    const spec = web(
      '    links: [db, "cache:redis"]\n    external_links: [legacy-ldap, "old-mq:mq"]',
      '  db: { image: postgres }\n  cache: { image: redis, container_name: shop-cache }',
    );
    expect(spec.dependsOn).toEqual({
      db: { condition: 'service_started', restart: true, required: true },
      cache: { condition: 'service_started', restart: true, required: true },
    });
    expect(composeLinks(spec, 'shop', { db: 'shop-db-1', cache: 'shop-cache' })).toEqual([
      'shop-db-1:db',
      'shop-db-1:db-1',
      'shop-db-1:shop-db-1',
      'shop-cache:redis',
      'shop-cache:cache-1',
      'shop-cache:shop-cache-1',
      'legacy-ldap:legacy-ldap',
      'old-mq:mq',
    ]);
  });
});

describe('mac_address', () => {
  it('goes to Config before Engine API 1.44 and to the primary endpoint from 1.44, as docker compose sends it', () => {
    const loaded = loadCompose({
      compose: 'services:\n  web:\n    image: nginx\n    mac_address: 02:42:ac:11:00:99\n',
    });
    const spec = loaded.file?.services.web;
    if (!loaded.file || !spec) throw new Error(JSON.stringify(loaded.issues));
    const context = (apiVersion: string) => ({
      project: 'p',
      service: 'web',
      environment: {},
      names: resourceNames('p', loaded.file!),
      configHash: 'h',
      imageId: 'i',
      configFile: null,
      workingDir: null,
      portOverrides: new Map<string, number>(),
      apiVersion,
    });
    const old = containerCreateOptions(spec, context('1.41'));
    expect(old.MacAddress).toBe('02:42:ac:11:00:99');
    expect(old.NetworkingConfig?.EndpointsConfig?.['p_default']?.MacAddress).toBeUndefined();
    const recent = containerCreateOptions(spec, context('1.45'));
    expect(recent.MacAddress).toBeUndefined();
    expect(recent.NetworkingConfig?.EndpointsConfig?.['p_default']?.MacAddress).toBe('02:42:ac:11:00:99');
  });
});

describe('platform', () => {
  it('is sent with the create request, as docker compose sends it', () => {
    const loaded = loadCompose({ compose: 'services:\n  web:\n    image: nginx\n    platform: linux/amd64\n' });
    const spec = loaded.file?.services.web;
    if (!loaded.file || !spec) throw new Error(JSON.stringify(loaded.issues));
    const options = containerCreateOptions(spec, {
      project: 'p',
      service: 'web',
      environment: {},
      names: resourceNames('p', loaded.file),
      configHash: 'h',
      imageId: 'i',
      configFile: null,
      workingDir: null,
      portOverrides: new Map(),
    });
    expect(options).toMatchObject({ platform: 'linux/amd64', Image: 'nginx' });
  });
});

describe('blkio_config and storage_opt', () => {
  it('map as compose setBlkio maps them, rates read as sizes', () => {
    const spec = web(
      '    storage_opt: { size: 20G }\n    blkio_config:\n      weight: 300\n      weight_device: [{ path: /dev/sda, weight: 400 }]\n      device_read_bps: [{ path: /dev/sda, rate: 12mb }]\n      device_write_iops: [{ path: /dev/sda, rate: 30 }]',
    );
    expect(optionSettings(spec.options, {}).host).toEqual({
      StorageOpt: { size: '20G' },
      BlkioWeight: 300,
      BlkioWeightDevice: [{ Path: '/dev/sda', Weight: 400 }],
      BlkioDeviceReadBps: [{ Path: '/dev/sda', Rate: 12 * 1024 ** 2 }],
      BlkioDeviceWriteIOps: [{ Path: '/dev/sda', Rate: 30 }],
    });
  });
});
