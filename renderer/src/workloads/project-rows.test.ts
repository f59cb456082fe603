import { describe, expect, it } from 'vitest';
import type { WorkloadContainer, WorkloadProject } from '../../../shared/index.js';
import {
  containerTone,
  formatComposePorts,
  projectCounts,
  projectsSummary,
  sortProjects,
  workloadsRefreshKey,
} from './project-rows.js';

const container = (changes: Partial<WorkloadContainer> = {}): WorkloadContainer => ({
  id: 'c',
  name: 'shop-web-1',
  number: 1,
  image: 'app',
  state: 'running',
  status: 'Up',
  health: null,
  ports: [],
  ...changes,
});
const project = (changes: Partial<WorkloadProject> = {}): WorkloadProject => ({
  hostId: 'h1',
  hostName: 'web-1',
  name: 'shop',
  state: 'running',
  deployedByCrossdock: true,
  configFiles: null,
  workingDir: null,
  services: [{ name: 'web', containers: [container()] }],
  ...changes,
});

describe('formatComposePorts', () => {
  it('writes published ports as host→container, once for IPv4 and IPv6 alike', () => {
    expect(
      formatComposePorts([
        { published: 8080, target: 80, protocol: 'tcp', hostIp: '0.0.0.0' },
        { published: 8080, target: 80, protocol: 'tcp', hostIp: '::' },
        { published: 5432, target: 5432, protocol: 'tcp', hostIp: '127.0.0.1' },
        { published: 53, target: 53, protocol: 'udp', hostIp: '::1' },
        { published: null, target: 9000, protocol: 'tcp', hostIp: null },
      ]),
    ).toBe('8080→80/tcp, 127.0.0.1:5432→5432/tcp, [::1]:53→53/udp, 9000/tcp');
    expect(formatComposePorts([])).toBe('');
  });
});

describe('containerTone', () => {
  it('follows the state, and the health of a running container', () => {
    expect(containerTone({ state: 'running', health: null })).toBe('ok');
    expect(containerTone({ state: 'running', health: 'healthy' })).toBe('ok');
    expect(containerTone({ state: 'running', health: 'unhealthy' })).toBe('danger');
    expect(containerTone({ state: 'running', health: 'starting' })).toBe('busy');
    expect(containerTone({ state: 'exited', health: null })).toBe('muted');
    expect(containerTone({ state: 'dead', health: null })).toBe('danger');
  });
});

describe('projects', () => {
  it('sorts by host, then project name', () => {
    const sorted = sortProjects([
      project({ hostName: 'web-2', name: 'a' }),
      project({ name: 'zoo' }),
      project({ name: 'api' }),
    ]);
    expect(sorted.map((p) => `${p.hostName}/${p.name}`)).toEqual(['web-1/api', 'web-1/zoo', 'web-2/a']);
  });

  it('counts services and running containers', () => {
    const p = project({
      services: [
        { name: 'web', containers: [container(), container({ state: 'exited' })] },
        { name: 'db', containers: [container()] },
      ],
    });
    expect(projectCounts(p)).toBe('2 services, 2 of 3 containers running');
    expect(projectCounts(project())).toBe('1 service, 1 of 1 container running');
  });

  it('summarises projects and hosts for the toolbar', () => {
    expect(projectsSummary([project()])).toBe('1 project on 1 host');
    expect(projectsSummary([project(), project({ name: 'b' }), project({ hostId: 'h2' })])).toBe(
      '3 projects on 2 hosts',
    );
  });
});

describe('workloadsRefreshKey', () => {
  it('changes when a deploy starts or ends, or a migration moves to another step, and not for other jobs', () => {
    const deploy = { id: 'j1', kind: 'deploy' as const, state: 'running' as const, step: 'check' as const };
    const other = { id: 'j2', kind: 'bootstrap' as const, state: 'running' as const, step: 'packages' as const };
    const base = workloadsRefreshKey([deploy, other]);
    expect(workloadsRefreshKey([{ ...deploy, step: 'services' as const }, other])).toBe(base);
    expect(workloadsRefreshKey([{ ...deploy, state: 'succeeded' }, other])).not.toBe(base);
    expect(workloadsRefreshKey([deploy, { ...other, step: 'verify' as const }])).toBe(base);
    const migration = { id: 'm1', kind: 'migration' as const, state: 'running' as const, step: 'create' as const };
    expect(workloadsRefreshKey([migration])).not.toBe(
      workloadsRefreshKey([{ ...migration, step: 'stop-source' as const }]),
    );
  });
});
