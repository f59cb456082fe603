import { parseArgs } from 'node:util';
import type { Command } from './context.js';
import { formatTable } from './output.js';

/** `crossdock ports`: the port map, every published host port on every host and who publishes it. */
export const portsCommand: Command = async (args, { client, out }) => {
  const { values } = parseArgs({
    args,
    options: { host: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const { items, failures } = await client.api.ports.list({ hosts: values.host });
  for (const failure of failures) process.stderr.write(`crossdock: ${failure.error.message} (${failure.error.code})\n`);
  if (values.json) {
    out(JSON.stringify(items, null, 2));
  } else {
    out(
      formatTable(
        ['HOST', 'ADDRESS', 'PORT', 'PROJECT', 'SERVICE', 'CONTAINER', 'TO'],
        items.map((row) => [
          row.hostName,
          row.hostIp,
          `${row.port}/${row.protocol}`,
          row.project ?? '-',
          row.service ?? '-',
          row.container,
          String(row.containerPort),
        ]),
      ),
    );
  }
  return failures.length > 0 ? 1 : 0;
};
