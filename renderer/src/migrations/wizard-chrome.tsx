/** Where the wizard is, and the way back: shared by every step. */

export const STEP_NAMES = ['Source', 'Target', 'Plan', 'Progress', 'Outcome'] as const;

export function StepIndicator({ current }: { current: (typeof STEP_NAMES)[number] }) {
  const index = STEP_NAMES.indexOf(current);
  return (
    <ol className="wizard-steps" aria-label="Migration steps" data-testid="wizard-steps">
      {STEP_NAMES.map((name, i) => (
        <li
          key={name}
          className="wizard-step"
          data-status={i < index ? 'done' : i === index ? 'current' : 'next'}
          aria-current={i === index ? 'step' : undefined}
        >
          <span className="wizard-step-number" aria-hidden="true">
            {i + 1}
          </span>
          {name}
        </li>
      ))}
    </ol>
  );
}

/** Back to the step before, at the start of the button row. */
export function WizardBack({ onBack }: { onBack: () => void }) {
  return (
    <button
      type="button"
      className="button button-quiet dialog-actions-start"
      data-testid="wizard-back"
      onClick={onBack}
    >
      Back
    </button>
  );
}
