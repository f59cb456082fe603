import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { portMappings } from '../ports/port-map.js';
import { projectsFrom } from './project-listing.js';

const host = { hostId: 'h1', hostName: 'web-1' };
const info = (
  name: string,
  labels: Record<string, string>,
  state = 'running',
  ports: Dockerode.Port[] = [],
  status = 'Up 1 minute',
): Dockerode.ContainerInfo =>
  ({
    Id: `id-${name}`,
    Names: [`/${name}`],
    Image: 'img',
    ImageID: 'sha256:i',
    State: state,
    Status: status,
    Labels: labels,
    Ports: ports,
  }) as unknown as Dockerode.ContainerInfo;
const compose = (project: string, service: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': '1',
  'com.docker.compose.oneoff': 'False',
  ...extra,
});

describe('projects from container labels', () => {
  it('groups by project and service, tells Crossdock deploys from the CLI, and sums up the state', () => {
    const projects = projectsFrom(host, [
      info(
        'shop-web-1',
        compose('shop', 'web', { 'crossdock.managed': 'true', 'com.docker.compose.project.working_dir': '/srv/shop' }),
        'running',
        [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
        'Up 2 minutes (healthy)',
      ),
      info(
        'shop-db-1',
        compose('shop', 'db', { 'crossdock.managed': 'true' }),
        'exited',
        [],
        'Exited (0) 1 minute ago',
      ),
      info('blog-app-1', compose('blog', 'app')),
      info('blog-app-run-1', compose('blog', 'app', { 'com.docker.compose.oneoff': 'True' })),
      info('loose', {}),
    ]);
    expect(projects.map((p) => [p.name, p.state, p.deployedByCrossdock, p.services.map((s) => s.name)])).toEqual([
      ['blog', 'running', false, ['app']],
      ['shop', 'partial', true, ['db', 'web']],
    ]);
    expect(projects[1]?.workingDir).toBe('/srv/shop');
    expect(projects[1]?.services[1]?.containers[0]).toMatchObject({
      name: 'shop-web-1',
      state: 'running',
      health: 'healthy',
      ports: [{ published: 8080, target: 80, protocol: 'tcp', hostIp: '0.0.0.0' }],
    });
    expect(projects[0]?.services[0]?.containers.map((c) => c.name)).toEqual(['blog-app-1']);
  });

  it('port map rows: host port → project, service, container, only for running containers that publish', () => {
    const rows = portMappings(host, [
      info('shop-web-1', compose('shop', 'web'), 'running', [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '', PrivatePort: 443, PublicPort: 0, Type: 'tcp' },
      ]),
      info('dns', {}, 'running', [{ IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' }]),
      info('stopped', compose('x', 'y'), 'exited', [{ IP: '0.0.0.0', PrivatePort: 1, PublicPort: 1, Type: 'tcp' }]),
    ]);
    expect(
      rows.map(
        (r) =>
          `${r.hostIp}:${r.port}/${r.protocol} → ${r.project ?? '-'}/${r.service ?? '-'}/${r.container}:${r.containerPort}`,
      ),
    ).toEqual([
      '127.0.0.1:5353/udp → -/-/dns:53',
      ':::8080/tcp → shop/web/shop-web-1:80',
      '0.0.0.0:8080/tcp → shop/web/shop-web-1:80',
    ]);
  });
});
