import type { MigrationOutcome } from '../../../shared/index.js';
import { counted, formatBytes, formatSpan } from './transfer-format.js';

/** What a finished migration did: where it runs, bytes per kind, downtime, the checksum check, the route, the source. */
export function MigrationOutcomeView({ outcome }: { outcome: MigrationOutcome }) {
  const target = outcome.plan.target.hostName;
  const source = outcome.plan.source.hostName;
  const renamed = outcome.source.containers.filter((c) => c.renamedTo);
  return (
    <div
      className="success-box migration-outcome"
      data-testid="migration-outcome"
      data-manifest-match={outcome.manifest.match}
    >
      <p>
        <strong>{outcome.containers.map((c) => c.name).join(', ')}</strong>{' '}
        {outcome.containers.length === 1 ? 'runs' : 'run'} on <strong>{target}</strong>.
      </p>
      <dl className="fact-list">
        <dt>Moved</dt>
        <dd data-testid="outcome-bytes">
          images {formatBytes(outcome.bytes.images)}, volumes {formatBytes(outcome.bytes.volumes)}
        </dd>
        <dt>Downtime</dt>
        <dd data-testid="outcome-downtime">
          {formatSpan(outcome.downtimeMs)} <span className="muted">of {formatSpan(outcome.durationMs)} in all</span>
        </dd>
        <dt>Checksums</dt>
        <dd data-testid="outcome-manifest">
          {outcome.manifest.match
            ? `match: ${counted(outcome.manifest.files, 'path')} compared on both hosts`
            : `differ: ${outcome.manifest.differences.slice(0, 5).join('; ')}`}
        </dd>
        <dt>Route</dt>
        <dd data-testid="outcome-route">
          {outcome.route.kind === 'direct' ? `direct, ${source} → ${target}` : 'relayed through this computer'}{' '}
          <span className="muted">({outcome.route.reason})</span>
        </dd>
        <dt>Source</dt>
        <dd data-testid="outcome-source">
          {outcome.source.removed
            ? `the containers were removed from ${source}; their volumes stay there until you delete them`
            : renamed.length > 0
              ? `stopped on ${source} as ${renamed.map((c) => c.renamedTo).join(', ')}, not restarted on reboot; remove it once you are satisfied`
              : `stopped on ${source}`}
        </dd>
      </dl>
    </div>
  );
}
