import { JobsPanel } from './jobs/jobs-panel.js';
import { MigrationWizardHost } from './migrations/wizard-host.js';
import { Sidebar } from './navigation/sidebar.js';
import { useNavigation } from './navigation/use-navigation.js';
import { Header } from './shell/header.js';
import { NoticeStack } from './shell/notice-stack.js';
import { VaultPrompt } from './vault/vault-prompt.js';
import { ViewOutlet } from './views/view-outlet.js';
import './styles/shell.css';

/** The window: sidebar on the left; header, the current view and the jobs panel on the right. */
export function App() {
  useNavigation();
  return (
    <div className="shell">
      <Sidebar />
      <div className="shell-body">
        <Header />
        <main id="main" className="shell-main" tabIndex={-1}>
          <ViewOutlet />
        </main>
        <JobsPanel />
      </div>
      <NoticeStack />
      <MigrationWizardHost />
      <VaultPrompt />
    </div>
  );
}
