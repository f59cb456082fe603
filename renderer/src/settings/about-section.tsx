import type { SystemInfo } from '../../../shared/index.js';
import { useCrossdock } from '../state/store.js';

const MODE_LABELS: Record<SystemInfo['mode'], string> = {
  electron: 'Desktop app',
  web: 'Web mode (crossdock serve)',
  cli: 'Command line',
  test: 'Test',
};

export function AboutSection() {
  const info = useCrossdock((state) => state.systemInfo);
  return (
    <section className="settings-section" aria-labelledby="settings-about">
      <h2 id="settings-about" className="section-title">
        About
      </h2>
      {info ? (
        <dl className="facts" data-testid="system-info">
          <dt>Version</dt>
          <dd className="mono">{info.version}</dd>
          <dt>Mode</dt>
          <dd>{MODE_LABELS[info.mode]}</dd>
          <dt>Data directory</dt>
          <dd className="mono selectable">{info.dataDir}</dd>
          <dt>Platform</dt>
          <dd className="mono">{info.platform}</dd>
          <dt>Node.js</dt>
          <dd className="mono">{info.nodeVersion}</dd>
        </dl>
      ) : (
        <p className="section-text muted">Shown once the window is connected to the Crossdock core.</p>
      )}
    </section>
  );
}
