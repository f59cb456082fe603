import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { withAlpha } from '../theme/colors.js';
import { cssVar, useResolvedTheme } from '../theme/use-resolved-theme.js';
import { STATS_WINDOW_MS, secondsAgo } from './stats-series.js';

interface StatsChartProps {
  label: string;
  testId: string;
  t: readonly number[];
  values: readonly number[];
  /** Formats the y-axis ticks. */
  format: (value: number) => string;
  /** A CSS variable name for the line colour, e.g. `--accent`. */
  colorVar: string;
  /** The lowest top of the y-axis, so 0.3 % CPU does not fill the chart (e.g. 100 for CPU %). */
  minTop?: number;
  /** The y-axis ticks for the highest value shown; the axis ends at the last one (memory's binary steps). */
  yTicks?: (max: number) => number[];
}

const WINDOW_S = STATS_WINDOW_MS / 1000;

/**
 * A two-minute line chart with uPlot. uPlot sizes and positions its elements through the CSSOM
 * and its stylesheet comes from the bundle, so it needs no inline styles. Colours are read from
 * the theme's CSS variables; a theme switch rebuilds the chart.
 */
export function StatsChart({ label, testId, t, values, format, colorVar, minTop = 0, yTicks }: StatsChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useResolvedTheme();
  const formatRef = useRef(format);
  formatRef.current = format;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const line = cssVar(colorVar);
    const muted = cssVar('--text-muted');
    const grid = cssVar('--border');
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: Math.max(100, element.clientHeight),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true, range: (_u, _min, max) => [max - WINDOW_S, max] },
          y: {
            range: (_u, _min, max) => (yTicks ? [0, yTicks(max).at(-1) ?? 1] : [0, Math.max(minTop, max * 1.15, 1e-9)]),
          },
        },
        axes: [
          // Seconds before the newest sample: "2 min ago" reads better than wall-clock times here.
          {
            stroke: muted,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, width: 1 },
            font: '11px system-ui, sans-serif',
            values: (u, ticks) => ticks.map((t) => secondsAgo((u.scales.x?.max ?? t) - t)),
          },
          {
            stroke: muted,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, width: 1 },
            font: '11px system-ui, sans-serif',
            size: 64,
            ...(yTicks ? { splits: (u: uPlot) => yTicks(u.scales.y?.max ?? 0) } : {}),
            values: (_u, ticks) => {
              const labels = ticks.map((v) => formatRef.current(v));
              // The canvas holds the labels; the element says them too (for tests and tools).
              element.dataset.yTicks = labels.join(' | ');
              return labels;
            },
          },
        ],
        series: [{}, { label, stroke: line, width: 1.5, fill: withAlpha(line, 0.14), points: { show: false } }],
      },
      [[], []],
      element,
    );
    plot.current = chart;
    const observer = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, element.clientWidth), height: Math.max(100, element.clientHeight) }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [theme, colorVar, label, minTop, yTicks]);

  useEffect(() => {
    plot.current?.setData([[...t], [...values]]);
  }, [t, values, theme]);

  return (
    <div
      className="stats-chart"
      ref={host}
      data-testid={testId}
      role="img"
      aria-label={`${label} over the last two minutes`}
    />
  );
}
