import { counted, type ComposeIssue, type ComposeValidation } from '../../../shared/index.js';
import { formatComposePorts } from './project-rows.js';
import { issuePlace, sortIssues } from './deploy-form.js';

/**
 * The problems of a compose file, errors first, each with its path and line; a problem with a
 * place is a button that puts the cursor on that line of the text.
 */
export function ComposeIssues({
  issues,
  onJump,
}: {
  issues: readonly ComposeIssue[];
  onJump: (issue: ComposeIssue) => void;
}) {
  if (issues.length === 0) return null;
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.length - errors;
  const heading = [errors > 0 ? counted(errors, 'problem') : null, warnings > 0 ? counted(warnings, 'warning') : null]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="compose-issues" data-testid="compose-issues" data-errors={errors}>
      <p className="compose-issues-heading">{heading}</p>
      <ul className="compose-issue-list">
        {sortIssues(issues).map((issue, index) => {
          const place = issuePlace(issue);
          return (
            <li
              key={`${issue.path}:${issue.line ?? ''}:${index}`}
              className="compose-issue"
              data-severity={issue.severity}
              data-testid="compose-issue"
              data-line={issue.line ?? undefined}
            >
              {place ? (
                <button
                  type="button"
                  className="issue-jump mono"
                  onClick={() => onJump(issue)}
                  title="Show this line in the file"
                >
                  {place}
                </button>
              ) : null}
              <span className="compose-issue-text">
                {issue.severity === 'warning' && <span className="compose-issue-kind">warning: </span>}
                {issue.path && <code>{issue.path}</code>}
                {issue.path ? ': ' : ''}
                {issue.message}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What a valid file would deploy: its services in start order, with image and ports. */
export function ComposePreview({ validation }: { validation: ComposeValidation }) {
  const summary = validation.summary;
  if (!validation.valid || !summary) return null;
  return (
    <div className="compose-preview" data-testid="compose-preview">
      <p>
        Deploys {counted(summary.services.length, 'service')}
        {summary.volumes.length > 0 ? `, ${counted(summary.volumes.length, 'volume')}` : ''}
        {summary.networks.length > 0 ? `, ${counted(summary.networks.length, 'network')}` : ''}:
      </p>
      <ul className="compose-preview-services">
        {summary.services.map((service) => (
          <li key={service.name}>
            <strong>{service.name}</strong> <span className="mono muted">{service.image}</span>
            {service.build !== null && <span className="muted"> built from {service.build}</span>}
            {service.ports.length > 0 && <span className="mono"> {formatComposePorts(service.ports)}</span>}
          </li>
        ))}
      </ul>
      {summary.secrets.some((secret) => !secret.stored) && (
        <p className="form-error" data-testid="compose-missing-secrets">
          Secrets missing from the vault:{' '}
          {summary.secrets
            .filter((secret) => !secret.stored)
            .map((secret) => secret.vaultName)
            .join(', ')}{' '}
          (add them under Secrets below the projects, or with crossdock secret set).
        </p>
      )}
    </div>
  );
}
