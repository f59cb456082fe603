import { useState } from 'react';
import { runDemoJob } from '../state/actions.js';
import { useCrossdock } from '../state/store.js';

/**
 * Lets a person try the jobs machinery before any real long work exists: the demo job does
 * nothing but count through its steps, and can be cancelled like a real one.
 */
export function DemoJobSection() {
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const [starting, setStarting] = useState(false);
  const start = async (): Promise<void> => {
    setStarting(true);
    try {
      await runDemoJob();
    } finally {
      setStarting(false);
    }
  };
  return (
    <section className="settings-section" aria-labelledby="settings-jobs">
      <h2 id="settings-jobs" className="section-title">
        Background jobs
      </h2>
      <p className="section-text">
        Long work such as installing Docker or migrating a workload runs as a background job: it shows progress and a log in
        the jobs panel, and you can cancel it. The demo job changes nothing; it takes 20 steps of 0.4 seconds so you can watch
        one.
      </p>
      <button type="button" className="button" data-testid="run-demo-job" disabled={!connected || starting} onClick={() => void start()}>
        Run a demo job
      </button>
    </section>
  );
}
