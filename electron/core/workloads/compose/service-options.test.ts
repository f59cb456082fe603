import { describe, expect, it } from 'vitest';
import { parseBytes } from './byte-units.js';
import { loadCompose } from './load-compose.js';

const service = (lines: string, extra = '') => {
  const loaded = loadCompose({ compose: `services:\n  web:\n    image: nginx\n${lines}\n${extra}` });
  return { options: loaded.file?.services.web?.options, file: loaded.file, issues: loaded.issues };
};
const errors = (lines: string, extra = '') =>
  service(lines, extra)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.line ?? '-'}: ${i.path}: ${i.message}`);

describe('parseBytes (go-units RAMInBytes)', () => {
  it('reads binary units, with or without b/ib, in any case', () => {
    expect(parseBytes('512')).toBe(512);
    expect(parseBytes('64b')).toBe(64);
    expect(parseBytes('256m')).toBe(256 * 1024 ** 2);
    expect(parseBytes('512M')).toBe(512 * 1024 ** 2);
    expect(parseBytes('1g')).toBe(1024 ** 3);
    expect(parseBytes('2GB')).toBe(2 * 1024 ** 3);
    expect(parseBytes('64MiB')).toBe(64 * 1024 ** 2);
    expect(parseBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('1 k')).toBe(1024);
  });

  it('refuses what is not a size', () => {
    for (const text of ['', 'm', '12x', '1gb2', '-1m', '1mm']) expect(parseBytes(text)).toBeNull();
  });
});

describe('service keys that become container settings', () => {
  it('keeps only the keys the file sets', () => {
    expect(service('').options).toEqual({});
    expect(service('    hostname: web01\n    init: true').options).toEqual({ hostname: 'web01', init: true });
  });

  it('reads each key as compose-go does: short syntaxes, units, durations, interpolated text', () => {
    const { options } = service(
      [
        '    container_name: shop-web',
        '    expose: ["3000", 9090, "8125/udp"]',
        '    domainname: shop.internal',
        '    cap_add: [NET_ADMIN]',
        '    cap_drop: [ALL]',
        '    privileged: "false"',
        '    sysctls: [net.core.somaxconn=1024]',
        '    ulimits: { nofile: { soft: 20000, hard: 40000 }, nproc: 65535 }',
        '    stop_signal: SIGINT',
        '    stop_grace_period: 1m30s',
        '    read_only: true',
        '    tmpfs: /run',
        '    shm_size: 256m',
        '    dns: 1.1.1.1',
        '    dns_search: [a.example, b.example]',
        '    extra_hosts: ["ldap:10.0.0.10", "mail=10.0.0.11", "v6:[::1]"]',
        '    security_opt: [no-new-privileges:true]',
        '    group_add: [audio, 1001]',
        '    oom_score_adj: "-500"',
        '    cpus: 0.1',
        '    mem_limit: 1g',
        '    pids_limit: 100',
        '    stdin_open: true',
        '    tty: true',
        '    logging: { driver: json-file, options: { max-size: 10m, max-file: 3 } }',
      ].join('\n'),
    );
    expect(options).toEqual({
      containerName: 'shop-web',
      expose: ['3000', '9090', '8125/udp'],
      domainname: 'shop.internal',
      capAdd: ['NET_ADMIN'],
      capDrop: ['ALL'],
      privileged: false,
      sysctls: { 'net.core.somaxconn': '1024' },
      ulimits: { nofile: { soft: 20000, hard: 40000 }, nproc: { soft: 65535, hard: 65535 } },
      stopSignal: 'SIGINT',
      stopGracePeriod: 90e9,
      readOnly: true,
      tmpfs: ['/run'],
      shmSize: 256 * 1024 ** 2,
      dns: ['1.1.1.1'],
      dnsSearch: ['a.example', 'b.example'],
      extraHosts: ['ldap:10.0.0.10', 'mail:10.0.0.11', 'v6:::1'],
      securityOpt: ['no-new-privileges:true'],
      groupAdd: ['audio', '1001'],
      oomScoreAdj: -500,
      cpus: Math.fround(0.1),
      memLimit: 1024 ** 3,
      pidsLimit: 100,
      stdinOpen: true,
      tty: true,
      logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
    });
  });

  it('reads deploy.resources and deploy.restart_policy', () => {
    const { options } = service(
      '    deploy:\n      resources:\n        limits: { cpus: "1.5", memory: 512M, pids: 200 }\n        reservations: { cpus: "0.25", memory: 64M }\n      restart_policy: { condition: on-failure, delay: 5s, max_attempts: 3, window: 2m }',
    );
    expect(options).toEqual({
      limits: { cpus: 1.5, memory: 512 * 1024 ** 2, pids: 200 },
      reservations: { cpus: 0.25, memory: 64 * 1024 ** 2 },
      restartPolicy: { condition: 'on-failure', maxAttempts: 3 },
    });
  });

  it('gives network_mode services no network, and service:NAME a dependency, as compose-go normalises', () => {
    const { file } = service(
      '    network_mode: service:db\n    pid: service:db',
      '  db: { image: postgres }\n  offline: { image: busybox, network_mode: none }',
    );
    expect(file?.services.web?.networks).toEqual({});
    expect(file?.services.web?.dependsOn).toEqual({
      db: { condition: 'service_started', restart: true, required: true },
    });
    expect(file?.services.offline?.networks).toEqual({});
    expect(file?.services.db?.networks).toEqual({ default: { aliases: [] } });
  });

  it('refuses wrong values with the path and line, and says what to write', () => {
    expect(errors('    mem_limit: lots')).toEqual(['4: services.web.mem_limit: "lots" is not a size like 512m or 2g']);
    expect(errors('    cpus: half')).toEqual(['4: services.web.cpus: must be a number of CPUs like 0.5 or 2']);
    expect(errors('    oom_score_adj: 2000')).toEqual(['4: services.web.oom_score_adj: must be at most 1000']);
    expect(errors('    extra_hosts: [ldap]')).toEqual([
      '4: services.web.extra_hosts: "ldap" has no address: write it HOST:IP or HOST=IP (host.docker.internal=host-gateway)',
    ]);
    expect(errors('    security_opt:\n      - seccomp=./profile.json')).toEqual([
      '5: services.web.security_opt.0: a seccomp profile file is not supported yet: Crossdock does not send project files to the host; use seccomp=unconfined or the default profile',
    ]);
    expect(errors('    tmpfs: [run]')).toEqual(['4: services.web.tmpfs.0: must be an absolute path in the container']);
    expect(errors('    network_mode: mynet')).toEqual([
      '4: services.web.network_mode: must be host, none, bridge, container:NAME or service:NAME (to join a network of the file, use networks:)',
    ]);
    expect(errors('    container_name: -web')).toEqual([
      '4: services.web.container_name: must be two or more letters, digits, "_", "." and "-", starting with a letter or digit',
    ]);
    expect(errors('    deploy:\n      resources:\n        limits: { memroy: 1g }')).toEqual([
      '6: services.web.deploy.resources.limits.memroy: unknown key: did you mean "memory"?',
    ]);
  });

  it('refuses what compose-go refuses between keys', () => {
    expect(errors('    network_mode: host\n    networks: [default]')).toEqual([
      '4: services.web.network_mode: cannot be set with networks: a container either joins networks or shares a network mode; drop one of them',
    ]);
    expect(errors('    network_mode: service:cache')).toEqual([
      '4: services.web.network_mode: there is no service "cache"',
    ]);
    expect(errors('    container_name: shop', '  api: { image: api, container_name: shop }')).toEqual([
      '5: services.api.container_name: "shop" is also service "web"\'s container name',
    ]);
    expect(errors('    cpus: 0.5\n    deploy: { resources: { limits: { memory: 1g } } }')).toEqual([
      '4: services.web.cpus: differs from deploy.resources.limits.cpus: docker compose refuses two values for one limit; keep one of them',
    ]);
    expect(errors('    cpus: 0.5\n    deploy: { resources: { limits: { cpus: "0.5" } } }')).toEqual([]);
  });
});
