import { counted, type CostReport } from '../../../shared/index.js';
import { messageWithAdvice } from '../forms/error-advice.js';
import { priceSourceText, usd } from '../prices/cost-text.js';
import type { CoreFailure } from '../state/core-call.js';
import type { Loaded } from '../state/use-live.js';

function describeFailure(failure: CoreFailure): string {
  if (failure.code === 'VAULT_LOCKED')
    return 'The vault is locked: cloud machines are listed with the credentials it keeps. Unlock it (Settings → Vault) to see what they cost.';
  return `Could not add up what the machines cost: ${messageWithAdvice(failure)}`;
}

/** "What you run today": every machine's cost this month, per provider and in total (`prices.cost`). */
export function RunningToday({ report, now }: { report: Loaded<CostReport> | null; now: number }) {
  return (
    <section className="running-today" aria-labelledby="running-today-title" data-testid="running-today">
      <h2 id="running-today-title" className="section-title">
        What you run today
      </h2>
      {report === null || report.status === 'loading' ? (
        <p className="muted">Adding up what your machines cost this month…</p>
      ) : report.status === 'failed' ? (
        <p className="form-error" data-testid="running-today-error">
          {describeFailure(report.failure)}
        </p>
      ) : report.value.machines.length === 0 ? (
        <p className="muted">No machines yet: what they cost this month will show here.</p>
      ) : (
        <CostTable report={report.value} now={now} />
      )}
    </section>
  );
}

function CostTable({ report, now }: { report: CostReport; now: number }) {
  const { total } = report;
  return (
    <>
      <p className="running-today-total" data-testid="running-today-total">
        {counted(report.machines.length, 'machine')}: <strong>{usd(total.soFarUsd)}</strong> so far this month,{' '}
        <strong>{usd(total.projectedUsd)}</strong> projected for the month
        {total.unpriced > 0 && <> ({counted(total.unpriced, 'machine')} without a price)</>}.
      </p>
      <table className="data-table running-today-table">
        <caption className="visually-hidden">Machines and what they cost this month</caption>
        <thead>
          <tr>
            <th scope="col">Machine</th>
            <th scope="col">Provider</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">
              So far
            </th>
            <th scope="col" className="numeric">
              This month
            </th>
            <th scope="col">Price</th>
          </tr>
        </thead>
        <tbody>
          {report.machines.map((m) => (
            <tr key={m.machine} data-testid="running-today-row" data-machine-name={m.name}>
              <th scope="row">{m.name}</th>
              <td>{m.providerName}</td>
              <td className="mono">{m.type}</td>
              <td>{m.state}</td>
              <td className="numeric mono">{usd(m.soFarUsd)}</td>
              <td className="numeric mono">{usd(m.projectedUsd)}</td>
              <td className="muted">{priceSourceText(m.priceSource, now)}</td>
            </tr>
          ))}
        </tbody>
        {report.providers.length > 1 && (
          <tfoot>
            {report.providers.map((p) => (
              <tr key={p.providerId}>
                <th scope="row" colSpan={4}>
                  {p.providerName}
                </th>
                <td className="numeric mono">{usd(p.soFarUsd)}</td>
                <td className="numeric mono">{usd(p.projectedUsd)}</td>
                <td className="muted">{p.unpriced > 0 ? `${counted(p.unpriced, 'machine')} without a price` : ''}</td>
              </tr>
            ))}
          </tfoot>
        )}
      </table>
    </>
  );
}
