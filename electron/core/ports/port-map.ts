import type Dockerode from 'dockerode';
import type { PortMapping } from '../../../shared/index.js';

const PROJECT = 'com.docker.compose.project';
const SERVICE = 'com.docker.compose.service';

/**
 * The port map rows of one host: every host port its running containers publish, with the
 * compose project and service that publish it. Docker lists an IPv4 and an IPv6 bind of the
 * same port apart; both are rows, since both are taken.
 */
export function portMappings(
  host: { hostId: string; hostName: string },
  containers: Dockerode.ContainerInfo[],
): PortMapping[] {
  const rows: PortMapping[] = [];
  for (const container of containers) {
    if (container.State !== 'running') continue;
    for (const port of container.Ports) {
      if (!port.PublicPort) continue;
      rows.push({
        ...host,
        hostIp: port.IP ?? '0.0.0.0',
        port: port.PublicPort,
        protocol: port.Type === 'udp' ? 'udp' : 'tcp',
        project: container.Labels[PROJECT] ?? null,
        service: container.Labels[SERVICE] ?? null,
        container: (container.Names[0] ?? container.Id).replace(/^\//, ''),
        containerId: container.Id,
        containerPort: port.PrivatePort,
      });
    }
  }
  return rows.sort(
    (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol) || a.hostIp.localeCompare(b.hostIp),
  );
}
