import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { startSession } from './state/session.js';
import { useCrossdock } from './state/store.js';
import { applyTheme } from './theme/apply-theme.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/buttons.css';
import './styles/status.css';
import './forms/forms.css';

// Follow the system until the saved setting arrives, then keep <html> in step with the store.
applyTheme('system');
useCrossdock.subscribe((state, previous) => {
  const theme = state.settings?.theme;
  if (theme && theme !== previous.settings?.theme) applyTheme(theme);
});

startSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
