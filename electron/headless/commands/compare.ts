import { parseArgs } from 'node:util';
import {
  compareRows,
  CrossdockError,
  DEFAULT_COMPARE_SORT,
  filterCompareRows,
  parseCompareFilter,
  priceAge,
  sortCompareRows,
} from '../../../shared/index.js';
import type { Command } from './context.js';
import { formatTable } from './output.js';

const USAGE =
  'crossdock compare [--vcpus N] [--memory GiB] [--arch amd64|arm64] [--region TEXT] [--max-monthly USD] [--json]';

const OPTION_OF = {
  vcpus: '--vcpus',
  memory: '--memory',
  arch: '--arch',
  region: '--region',
  maxMonthly: '--max-monthly',
};

/**
 * `crossdock compare`: every priced size in the cached catalogue (`prices.catalogue`), filtered
 * and sorted by the same shared functions as the app's Compare view, cheapest first, each with
 * the age of its price. It never fetches: `crossdock cost --refresh` (or the app) does.
 */
export const compareCommand: Command = async (args, ctx) => {
  const { values } = parseArgs({
    args,
    options: {
      vcpus: { type: 'string' },
      memory: { type: 'string' },
      arch: { type: 'string' },
      region: { type: 'string' },
      'max-monthly': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const parsed = parseCompareFilter({
    vcpus: values.vcpus,
    memory: values.memory,
    arch: values.arch,
    region: values.region,
    maxMonthly: values['max-monthly'],
  });
  if ('problems' in parsed) {
    const [field, problem] = Object.entries(parsed.problems)[0] ?? ['vcpus', ''];
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `${OPTION_OF[field as keyof typeof OPTION_OF]}: ${problem} Usage: ${USAGE}`,
    );
  }
  const catalogue = await ctx.client.api.prices.catalogue({});
  const all = compareRows(catalogue);
  const rows = sortCompareRows(filterCompareRows(all, parsed.filter), DEFAULT_COMPARE_SORT);
  if (values.json) {
    ctx.out(
      JSON.stringify(
        {
          filter: parsed.filter,
          rows,
          total: all.length,
          prices: {
            oldestFetchedAt: catalogue.oldestFetchedAt,
            stale: catalogue.stale,
            message: catalogue.message,
            missing: catalogue.missing,
          },
        },
        null,
        2,
      ),
    );
    return 0;
  }
  if (rows.length > 0)
    ctx.out(
      formatTable(
        ['PROVIDER', 'REGION', 'TYPE', 'VCPU', 'MEMORY', 'ARCH', 'PER HOUR', 'PER MONTH', 'PRICE FETCHED'],
        rows.map((row) => [
          row.provider,
          row.region,
          row.type,
          String(row.vcpus),
          `${row.memoryGiB} GiB`,
          row.arch,
          `$${row.hourlyUsd.toFixed(4)}`,
          `$${row.monthlyUsd.toFixed(2)}`,
          priceAge(row.fetchedAt),
        ]),
      ),
    );
  if (all.length > 0) ctx.out(`${rows.length} of ${all.length} sizes match.`);
  if (catalogue.message) ctx.out(catalogue.message);
  else if (catalogue.stale) ctx.out('Some prices are over a week old: run crossdock cost --refresh.');
  for (const m of catalogue.missing) ctx.out(`No prices for ${m.provider} (${m.region}): ${m.reason}`);
  return 0;
};
