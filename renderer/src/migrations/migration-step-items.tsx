import type { ReactNode } from 'react';
import type { StepItem } from '../jobs/step-list.js';
import type { StepView } from './migration-steps.js';
import { formatBytesOf, formatRate, formatSpan, remainingMs } from './transfer-format.js';

/**
 * `12.3 MiB of 24.0 MiB · 8.1 MiB/s · 2.0 s left` while a data step runs (live figures), `2.11 MiB ·
 * 4.7 MiB/s` once it is done (the journal's bytes, the average rate).
 */
function dataFigures(step: StepView): ReactNode {
  if (!step.bytes) return step.data && step.status === 'active' ? 'waiting for the first bytes…' : null;
  const { bytes, totalBytes, bytesPerSecond } = step.bytes;
  // A finished step that moved nothing (every image already there) says so in its detail.
  if (step.status === 'done' && bytes === 0) return null;
  const left = step.status === 'active' ? remainingMs(bytes, totalBytes, bytesPerSecond) : null;
  return (
    <span data-testid="migration-step-bytes" data-bytes={bytes} data-live-bytes={step.live?.bytes}>
      {formatBytesOf(bytes, totalBytes)} · {formatRate(bytesPerSecond)}
      {left !== null ? ` · ${formatSpan(left)} left` : ''}
    </span>
  );
}

export function toItems(steps: readonly StepView[]): StepItem[] {
  return steps.map((step) => ({
    id: step.id,
    label: step.label,
    status: step.status,
    detail:
      [
        step.detail,
        step.durationMs !== null && step.status !== 'pending' && step.status !== 'active'
          ? formatSpan(step.durationMs)
          : null,
      ]
        .filter(Boolean)
        .join(' · ') || null,
    extra: step.data ? dataFigures(step) : null,
  }));
}
