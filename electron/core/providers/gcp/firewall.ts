import type { protos } from '@google-cloud/compute';

/**
 * The per-machine firewall rule and network tag share one name, so destroy can remove exactly
 * what create added, and a rule never opens ports on another machine.
 */
export function firewallName(machineName: string): string {
  return `crossdock-${machineName}`;
}

/** Ingress from anywhere to TCP 22 plus the spec's ports, for instances tagged with the rule's name. */
export function firewallRule(
  machineName: string,
  openPorts: readonly number[],
): protos.google.cloud.compute.v1.IFirewall {
  const ports = [...new Set([22, ...openPorts])].sort((a, b) => a - b).map(String);
  const name = firewallName(machineName);
  return {
    name,
    description: `Crossdock: SSH and published ports of ${machineName}`,
    network: 'global/networks/default',
    direction: 'INGRESS',
    sourceRanges: ['0.0.0.0/0'],
    targetTags: [name],
    allowed: [{ IPProtocol: 'tcp', ports }],
  };
}
