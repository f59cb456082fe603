import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CompareRow } from '../../../shared/index.js';
import { cssVar, useResolvedTheme } from '../theme/use-resolved-theme.js';
import { CHART_AXIS_LABEL, chartData, type ChartAxis } from './chart-data.js';
import { PROVIDER_LABEL } from './compare-columns.js';

/** Each provider's colour, a theme variable (the legend's swatches use the same ones in compare.css). */
const PROVIDER_COLOR: Record<CompareRow['provider'], string> = { aws: '--warn', gcp: '--accent' };

const HEIGHT = 240;

/**
 * Price per month against vCPUs or memory, one point per size that meets the filters, with uPlot
 * (its aligned mode, points without lines: a scatter). uPlot sizes its elements through the CSSOM,
 * so it needs no inline styles. Colours come from the theme; a theme or axis switch rebuilds it.
 */
export function PriceChart({ rows, axis }: { rows: readonly CompareRow[]; axis: ChartAxis }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useResolvedTheme();
  const data = useMemo(() => chartData(rows, axis), [rows, axis]);
  const providers = data.series.map((s) => s.provider).join(',');

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const muted = cssVar('--text-muted');
    const grid = cssVar('--border');
    const axisStyle = {
      stroke: muted,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      font: '11px system-ui, sans-serif',
    };
    const chart = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: {
          x: { time: false, range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
        },
        axes: [
          {
            ...axisStyle,
            label: CHART_AXIS_LABEL[axis],
            labelSize: 18,
            labelFont: '11px system-ui, sans-serif',
            // Whole vCPUs and GiB: machines come in powers of two, so no 0.5 ticks.
            incrs: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
          },
          { ...axisStyle, size: 64, values: (_u, ticks) => ticks.map((v) => `$${v.toLocaleString('en-US')}`) },
        ],
        series: [
          {},
          ...data.series.map((s) => {
            const color = cssVar(PROVIDER_COLOR[s.provider]);
            return {
              label: PROVIDER_LABEL[s.provider],
              stroke: color,
              paths: () => null,
              points: { show: true, size: 7, width: 1, stroke: color, fill: color },
            };
          }),
        ],
      },
      [[], ...data.series.map(() => [])],
      element,
    );
    plot.current = chart;
    const observer = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(240, element.clientWidth), height: HEIGHT }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Rebuilt when the series (providers) change; data alone goes through setData below.
  }, [theme, axis, providers]);

  useEffect(() => {
    plot.current?.setData([data.x, ...data.series.map((s) => s.y)]);
  }, [data, theme, axis, providers]);

  return (
    <figure className="price-chart" data-testid="price-chart">
      <div
        ref={host}
        className="price-chart-plot"
        data-testid="price-chart-plot"
        data-points={data.x.length}
        role="img"
        aria-label={`Price per month against ${CHART_AXIS_LABEL[axis]}: ${data.x.length} sizes`}
      />
      <figcaption className="price-chart-legend">
        {data.series.map((s) => (
          <span key={s.provider} className="price-chart-key">
            <span className="price-chart-swatch" data-provider={s.provider} aria-hidden="true" />
            {PROVIDER_LABEL[s.provider]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
