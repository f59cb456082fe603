import { CrossdockError, type ComposeIssue } from '../../../shared/index.js';

/** `services.web.deploy (line 11): not supported`. */
export function formatIssue(issue: ComposeIssue): string {
  const where = issue.line !== null ? ` (line ${issue.line})` : '';
  return `${issue.path || 'the file'}${where}: ${issue.message}`;
}

/** INVALID_ARGUMENT listing every error of a compose file, each with its path and line. */
export function invalidCompose(issues: ComposeIssue[]): CrossdockError {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const list = errors.map(formatIssue);
  return new CrossdockError(
    'INVALID_ARGUMENT',
    `The compose file has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}: ${list.join('; ')}`,
    { issues: list },
  );
}
