import { counted, type MigrationPlan } from '../../../shared/index.js';
import { DataTable } from '../views/data-table.js';
import { summarisePlan } from './plan-summary.js';
import { formatBytes } from './transfer-format.js';

const TONE_WORD = { ok: 'fine', warn: 'note', danger: 'problem', muted: '' } as const;

const PLAN_COLUMNS = ['What', 'Name', { label: 'Size', numeric: true }, 'Moves'] as const;

/** The plan of a migration: refusals first, then the facts, the images and volumes in detail, and notes. */
export function PlanView({ plan }: { plan: MigrationPlan }) {
  const summary = summarisePlan(plan);
  return (
    <div className="plan-view" data-testid="migration-plan" data-can-start={summary.canStart}>
      <p>
        Moves the <strong>{summary.what}</strong> to <strong>{plan.target.hostName}</strong>
        {plan.source.kind === 'project' ? `: ${plan.containers.map((c) => c.name).join(', ')}` : ''}.
      </p>
      {summary.refusals.length > 0 && (
        <div className="form-alert" role="alert" data-testid="migration-refusals">
          <p>
            <strong>This migration cannot start:</strong>
          </p>
          <ul>
            {summary.refusals.map((refusal) => (
              <li key={`${refusal.code}:${refusal.message}`} data-testid="migration-refusal" data-code={refusal.code}>
                {refusal.message} <code className="notice-code">{refusal.code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="fact-list plan-facts">
        {summary.facts.map((fact) => (
          <div key={fact.id} className="fact" data-tone={fact.tone} data-testid={`plan-${fact.id}`}>
            <dt>{fact.label}</dt>
            <dd>
              {fact.tone !== 'muted' && fact.tone !== 'ok' && (
                <span className="visually-hidden">{TONE_WORD[fact.tone]}: </span>
              )}
              {fact.value}
            </dd>
          </div>
        ))}
      </dl>
      {(summary.imagesToSend.length > 0 || summary.imagesSkipped.length > 0 || plan.volumes.length > 0) && (
        <DataTable className="plan-table" caption="Images and volumes" columns={PLAN_COLUMNS} actions={false}>
          <tbody>
            {plan.images.map((image) => (
              <tr key={`image:${image.ref}`} data-testid="plan-image" data-on-target={image.onTarget}>
                <td>Image</td>
                <td className="mono">{image.ref}</td>
                <td className="numeric">{formatBytes(image.bytes)}</td>
                <td className={image.onTarget ? 'muted' : undefined}>
                  {image.onTarget
                    ? `skipped: already on ${plan.target.hostName}`
                    : `sent (${image.architecture}${image.layersOnTarget > 0 ? `; ${image.layersOnTarget} of ${image.layers} layers already there, ${formatBytes(image.bytesToSend)} to send` : ''})`}
                </td>
              </tr>
            ))}
            {plan.volumes.map((volume) => (
              <tr key={`volume:${volume.name}`} data-testid="plan-volume">
                <td>Volume</td>
                <td className="mono">{volume.name}</td>
                <td className="numeric">{formatBytes(volume.bytes)}</td>
                <td>copied in two passes, {counted(volume.files, 'file')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {summary.warnings.length > 0 && (
        <ul className="plan-warnings" data-testid="plan-warnings">
          {summary.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
