import type { ContainerState, ContainerSummary } from '../../../shared/index.js';

const STATES: readonly ContainerState[] = [
  'running',
  'running',
  'running',
  'exited',
  'paused',
  'restarting',
  'created',
];
const IMAGES = [
  'nginx:1.27',
  'postgres:16',
  'redis:7',
  'ghcr.io/acme/api:2.4.1',
  'traefik:v3.1',
  'grafana/grafana:11.2',
];

/**
 * A deterministic fleet for tests and measurements: `count` containers spread over `hosts`
 * hosts, with names like `web-17`, a mix of states and some published ports.
 */
export function generateContainers(count: number, hosts: number): ContainerSummary[] {
  const out: ContainerSummary[] = [];
  for (let i = 0; i < count; i++) {
    const host = i % hosts;
    const state = STATES[i % STATES.length] ?? 'running';
    out.push({
      hostId: `h${host}`,
      hostName: `host-${host + 1}`,
      id: (i.toString(16).padStart(8, '0') + 'c0ffee').repeat(4).slice(0, 64),
      name: `${['web', 'api', 'db', 'cache', 'worker'][i % 5]}-${Math.floor(i / 5) + 1}`,
      image: IMAGES[i % IMAGES.length] ?? 'busybox',
      state,
      status:
        state === 'running'
          ? `Up ${(i % 59) + 1} minutes`
          : state === 'exited'
            ? `Exited (${i % 3}) ${(i % 23) + 1} hours ago`
            : state,
      imageId: `sha256:${(i % IMAGES.length).toString(16).padStart(64, '0')}`,
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      startedAt: state === 'running' ? new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString() : null,
      ports:
        i % 4 === 0 ? [{ hostIp: '0.0.0.0', hostPort: 8000 + (i % 1000), containerPort: 80, protocol: 'tcp' }] : [],
      labels: {},
    });
  }
  return out;
}
