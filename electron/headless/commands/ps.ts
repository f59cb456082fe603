import { parseArgs } from 'node:util';
import type { ContainerSummary, PortBinding } from '../../../shared/index.js';
import type { Command } from './context.js';
import { formatTable } from './output.js';

export function formatPorts(ports: PortBinding[]): string {
  return ports
    .map((p) =>
      p.hostPort === null
        ? `${p.containerPort}/${p.protocol}`
        : `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}->${p.containerPort}/${p.protocol}`,
    )
    .join(', ');
}

/** The JSON shape the CLI promises: one object per container, across hosts. */
function toJson(container: ContainerSummary): Record<string, unknown> {
  return {
    host: container.hostName,
    id: container.id,
    name: container.name,
    image: container.image,
    state: container.state,
    status: container.status,
    ports: container.ports,
  };
}

export const psCommand: Command = async (args, { client, out }) => {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string', multiple: true },
      all: { type: 'boolean', short: 'a', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const { items, failures } = await client.api.docker.containers({ hosts: values.host, all: values.all });
  for (const failure of failures) process.stderr.write(`crossdock: ${failure.error.message} (${failure.error.code})\n`);
  if (values.json) out(JSON.stringify(items.map(toJson), null, 2));
  else
    out(
      formatTable(
        ['HOST', 'CONTAINER ID', 'NAME', 'IMAGE', 'STATE', 'STATUS', 'PORTS'],
        items.map((c) => [c.hostName, c.id.slice(0, 12), c.name, c.image, c.state, c.status, formatPorts(c.ports)]),
      ),
    );
  // Partial answers are still answers; the exit code says some host failed.
  return failures.length > 0 ? 1 : 0;
};
