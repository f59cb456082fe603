import { useId, type ReactNode } from 'react';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  type?: 'text' | 'password' | 'number';
  /** Shown under the field in red, and announced with it. */
  error?: string | null | undefined;
  hint?: ReactNode;
  placeholder?: string;
  autoFocus?: boolean;
  autoComplete?: string;
  mono?: boolean;
  multiline?: boolean;
  required?: boolean;
  disabled?: boolean;
  inputMode?: 'numeric' | 'text';
}

/** A labelled input (or textarea) whose hint and error are tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const {
    label,
    value,
    onChange,
    testId,
    type = 'text',
    error,
    hint,
    placeholder,
    autoFocus,
    autoComplete,
    mono,
    multiline,
    required,
    disabled,
    inputMode,
  } = props;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'data-testid': testId,
    'data-autofocus': autoFocus ? '' : undefined,
    className: mono ? 'input mono' : 'input',
    placeholder,
    required,
    disabled,
    spellCheck: false,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {multiline ? (
        <textarea {...common} rows={6} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete ?? 'off'}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="form-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A form-level failure, announced when it appears. */
export function FormError({ children, testId = 'form-error' }: { children: ReactNode; testId?: string }) {
  return (
    <div className="form-alert" role="alert" data-testid={testId}>
      {children}
    </div>
  );
}
