import type { ReactNode } from 'react';
import './job-follow.css';

export type StepMarkStatus = 'done' | 'active' | 'pending' | 'failed' | 'cancelled';

const STATUS_WORD: Record<StepMarkStatus, string> = {
  done: 'done',
  active: 'in progress',
  pending: 'waiting',
  failed: 'failed',
  cancelled: 'cancelled',
};

export interface StepItem {
  id: string;
  label: string;
  status: StepMarkStatus;
  detail?: string | null;
  /** Live figures on their own line (bytes and rate of a data step). */
  extra?: ReactNode;
}

function StepMark({ status }: { status: StepMarkStatus }) {
  const path =
    status === 'done'
      ? 'M4 8.5l2.5 2.5L12 5.5'
      : status === 'failed' || status === 'cancelled'
        ? 'M5 5l6 6M11 5l-6 6'
        : null;
  return (
    <span className="step-mark" data-status={status} aria-hidden="true">
      {path && (
        <svg className="icon" viewBox="0 0 16 16">
          <path d={path} />
        </svg>
      )}
    </span>
  );
}

/** A job's steps with a mark each (never colour alone: the status is also read out). */
export function StepList({
  steps,
  testId,
  label = 'Steps',
}: {
  steps: readonly StepItem[];
  testId: string;
  label?: string;
}) {
  return (
    <ol className="step-list" aria-label={label}>
      {steps.map((step) => (
        <li key={step.id} className="step" data-status={step.status} data-testid={testId} data-step={step.id}>
          <StepMark status={step.status} />
          <div className="step-text">
            <span className="step-label">
              {step.label}
              <span className="visually-hidden">: {STATUS_WORD[step.status]}</span>
              {step.detail && <span className="step-detail"> — {step.detail}</span>}
            </span>
            {step.extra && <span className="step-extra">{step.extra}</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}
