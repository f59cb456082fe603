import type { ThemePreference } from '../../../shared/index.js';
import { chooseTheme } from '../state/actions.js';
import { useCrossdock } from '../state/store.js';

const OPTIONS: readonly { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Radio buttons styled as a segmented control: arrow keys move between them natively. */
export function ThemePicker() {
  const theme = useCrossdock((state) => state.settings?.theme ?? 'system');
  // Saving needs the core; without it the choice would only flip back.
  const ready = useCrossdock((state) => state.settings !== null && state.connection.status === 'connected');
  return (
    <fieldset className="field" disabled={!ready}>
      <legend className="field-label">Theme</legend>
      <div className="segmented">
        {OPTIONS.map((option) => (
          <label key={option.value} className="segmented-option">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              data-testid={`theme-${option.value}`}
              onChange={() => void chooseTheme(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <p className="field-hint">
        System follows your operating system’s light or dark setting. Saved with your Crossdock settings.
      </p>
    </fieldset>
  );
}
