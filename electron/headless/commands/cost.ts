import { parseArgs } from 'node:util';
import {
  CrossdockError,
  PRICES_REFRESH_JOB,
  priceAge,
  type CostReport,
  type PriceCatalogue,
} from '../../../shared/index.js';
import type { Command } from './context.js';
import { runJob } from './follow-job.js';
import { formatTable } from './output.js';

const USAGE = 'crossdock cost [--refresh] [--set NAME=USD_PER_MONTH | --unset NAME] [--json]';

const usd = (value: number | null): string => (value === null ? '—' : `$${value.toFixed(2)}`);

/**
 * `crossdock cost`: every machine's cost so far this month and projected for the month, per
 * provider and in total, from the price catalogue (whose age is always printed). `--refresh`
 * fetches the catalogue again first (a job: progress on stderr, Ctrl+C cancels).
 */
export const costCommand: Command = async (args, ctx) => {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      refresh: { type: 'boolean', default: false },
      set: { type: 'string' },
      unset: { type: 'string' },
    },
    strict: true,
  });
  const { client, out } = ctx;
  if (values.set !== undefined) {
    const match = /^(.+)=(\d+(?:\.\d+)?)$/.exec(values.set);
    if (!match?.[1] || !match[2])
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `--set wants NAME=USD_PER_MONTH, e.g. --set web-1=12.5. Usage: ${USAGE}`,
      );
    await client.api.prices.setMonthlyPrice({ machine: match[1], monthlyUsd: Number(match[2]) });
  }
  if (values.unset !== undefined) await client.api.prices.setMonthlyPrice({ machine: values.unset, monthlyUsd: null });
  if (values.refresh) await runJob(ctx, PRICES_REFRESH_JOB.kind, () => client.api.prices.refresh({}));
  const [report, catalogue]: [CostReport, PriceCatalogue] = await Promise.all([
    client.api.prices.cost({}),
    client.api.prices.catalogue({}),
  ]);
  if (values.json) {
    out(
      JSON.stringify(
        {
          ...report,
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
  out(
    formatTable(
      ['MACHINE', 'PROVIDER', 'TYPE', 'STATE', 'HOURS', 'SO FAR', 'MONTH', 'PRICE'],
      report.machines.map((m) => [
        m.name,
        m.providerName,
        m.type,
        m.state,
        m.runningHours.toFixed(0),
        usd(m.soFarUsd),
        usd(m.projectedUsd),
        m.priceSource.kind === 'catalogue'
          ? `list price, ${priceAge(m.priceSource.fetchedAt)}`
          : m.priceSource.kind === 'unknown'
            ? m.priceSource.reason
            : m.priceSource.kind === 'manual'
              ? 'set by hand'
              : 'free',
      ]),
    ),
  );
  out('');
  for (const p of report.providers)
    out(
      `${p.providerName}: ${usd(p.soFarUsd)} so far, ${usd(p.projectedUsd)} this month${p.unpriced ? ` (${p.unpriced} not priced)` : ''}`,
    );
  out(
    `Total: ${usd(report.total.soFarUsd)} so far, ${usd(report.total.projectedUsd)} this month${report.total.unpriced ? ` (${report.total.unpriced} not priced)` : ''}`,
  );
  if (catalogue.message) out(catalogue.message);
  else if (catalogue.oldestFetchedAt)
    out(
      `Prices fetched ${priceAge(catalogue.oldestFetchedAt)}${catalogue.stale ? ' (over a week: run crossdock cost --refresh)' : ''}`,
    );
  for (const m of catalogue.missing) out(`No prices for ${m.provider} (${m.region}): ${m.reason}`);
  return 0;
};
