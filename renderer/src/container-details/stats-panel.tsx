import { useEffect, useState } from 'react';
import type { ContainerRef } from '../containers/docker-store.js';
import { formatBinaryBytes } from '../containers/format.js';
import { attempt } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { StatsChart } from './stats-chart.js';
import { formatMemoryTick, limitSource, memoryTicks } from './memory-ticks.js';
import { EMPTY_SERIES, appendSample, type StatsSeries } from './stats-series.js';
import './stats.css';

const percent = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} %`;
const rate = (bytesPerSecond: number | null): string =>
  bytesPerSecond === null ? '—' : `${formatBinaryBytes(bytesPerSecond)}/s`;

/** CPU and memory over the last two minutes and the current network rates; the stream stops on close. */
export function StatsPanel({ target }: { target: ContainerRef }) {
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const [series, setSeries] = useState<StatsSeries>(EMPTY_SERIES);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (session === null) return;
    const controller = new AbortController();
    setSeries(EMPTY_SERIES);
    setProblem(null);
    void attempt(
      (api) =>
        api.docker.stats(
          { host: target.hostId, container: target.id },
          { signal: controller.signal, onChunk: (sample) => setSeries((current) => appendSample(current, sample)) },
        ),
      { vault: false },
    ).then((outcome) => {
      if (controller.signal.aborted) return;
      setProblem(outcome.ok ? 'The container stopped; no more samples.' : outcome.failure.message);
    });
    return () => controller.abort();
  }, [target.hostId, target.id, session]);

  const latest = series.latest;
  const memoryShare = latest && latest.memoryLimitBytes > 0 ? ` of ${formatBinaryBytes(latest.memoryLimitBytes)}` : '';
  return (
    <div className="stats-panel" data-testid="stats-panel">
      <dl className="stats-now" data-testid="stats-now">
        <div>
          <dt>CPU</dt>
          <dd data-testid="stats-cpu">{latest ? percent(latest.cpuPercent) : '—'}</dd>
        </div>
        <div>
          <dt>Memory</dt>
          <dd data-testid="stats-memory">{latest ? `${formatBinaryBytes(latest.memoryBytes)}${memoryShare}` : '—'}</dd>
        </div>
        <div>
          <dt>Network in</dt>
          <dd data-testid="stats-rx">
            {rate(series.rxRate)}
            {latest && <span className="stats-total"> · {formatBinaryBytes(latest.networkRxBytes)} total</span>}
          </dd>
        </div>
        <div>
          <dt>Network out</dt>
          <dd data-testid="stats-tx">
            {rate(series.txRate)}
            {latest && <span className="stats-total"> · {formatBinaryBytes(latest.networkTxBytes)} total</span>}
          </dd>
        </div>
      </dl>
      {problem && (
        <p className="stats-problem" role="status">
          {problem}
        </p>
      )}
      {!latest && !problem && (
        <p className="stats-problem" role="status">
          Waiting for the first sample…
        </p>
      )}
      <div className="stats-charts">
        <figure className="stats-figure">
          <figcaption>CPU</figcaption>
          <StatsChart
            label="CPU"
            testId="stats-chart-cpu"
            t={series.t}
            values={series.cpu}
            format={(v) => `${Math.round(v)} %`}
            colorVar="--accent"
            minTop={5}
          />
        </figure>
        <figure className="stats-figure">
          <figcaption data-testid="stats-memory-limit">
            Memory
            {latest && latest.memoryLimitBytes > 0
              ? ` · limit ${formatBinaryBytes(latest.memoryLimitBytes)} (${limitSource(latest.memoryLimitSource)})`
              : ''}
          </figcaption>
          <StatsChart
            label="Memory"
            testId="stats-chart-memory"
            t={series.t}
            values={series.memory}
            format={formatMemoryTick}
            colorVar="--ok"
            yTicks={memoryTicks}
          />
        </figure>
      </div>
    </div>
  );
}
