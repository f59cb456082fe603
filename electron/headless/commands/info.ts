import { parseArgs } from 'node:util';
import type { Command } from './context.js';
import { formatTable } from './output.js';

export const infoCommand: Command = async (args, { client, out }) => {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
  const info = await client.api.system.info({});
  if (values.json) out(JSON.stringify(info, null, 2));
  else
    out(
      formatTable(
        ['VERSION', 'DATA DIRECTORY', 'PLATFORM', 'NODE'],
        [[info.version, info.dataDir, info.platform, info.nodeVersion]],
      ),
    );
  return 0;
};
