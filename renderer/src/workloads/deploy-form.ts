import { projectName, type ComposeIssue, type ComposeSummary } from '../../../shared/index.js';

/** A file the user picked in the dialog, read as text. */
export interface PickedFile {
  name: string;
  text: string;
}

export interface DeployForm {
  host: string;
  /** Empty: the file's top-level `name:`. */
  project: string;
  compose: string;
  /** Env files and `.env`, picked beside the compose file. */
  files: PickedFile[];
  autoPorts: boolean;
}

export type DeployProblems = Partial<Record<'host' | 'project' | 'compose', string>>;

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/**
 * The `files` argument of validate and deploy. A browser only gives a picked file's name, not
 * its folder, so a picked file answers every env_file path of the compose file that ends in
 * that name (`./config/web.env` ← `web.env`), and is also passed under its own name (`.env`).
 */
export function filesForCompose(
  picked: readonly PickedFile[],
  envFiles: readonly { path: string }[],
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of picked) {
    files[file.name] = file.text;
    for (const envFile of envFiles) if (baseName(envFile.path) === file.name) files[envFile.path] = file.text;
  }
  return files;
}

/** Adds picked files, a newer pick of the same name replacing the older one. */
export function addPicked(current: readonly PickedFile[], added: readonly PickedFile[]): PickedFile[] {
  const names = new Set(added.map((file) => file.name));
  return [...current.filter((file) => !names.has(file.name)), ...added].sort((a, b) => a.name.localeCompare(b.name));
}

/** The project a deploy would use: the one typed, else the file's `name:`. */
export function projectFor(form: Pick<DeployForm, 'project'>, summary: ComposeSummary | null): string {
  return form.project.trim() || summary?.name || '';
}

/** What stops the form from deploying, field by field, before the core is asked. */
export function deployProblems(form: DeployForm, summary: ComposeSummary | null): DeployProblems {
  const problems: DeployProblems = {};
  if (!form.host) problems.host = 'Choose the host to deploy to.';
  if (!form.compose.trim()) problems.compose = 'Paste a compose file, or open one.';
  const project = projectFor(form, summary);
  if (!project) {
    problems.project = 'Name the project, or put name: at the top of the compose file.';
  } else {
    const checked = projectName.safeParse(project);
    if (!checked.success)
      problems.project = `“${project}” is not a project name: ${checked.error.issues[0]?.message ?? 'use lowercase letters, digits, "_" and "-"'}.`;
  }
  return problems;
}

/** `line 4, column 7` (or `line 4`, or nothing for a problem without a place). */
export function issuePlace(issue: Pick<ComposeIssue, 'line' | 'column'>): string {
  if (issue.line === null) return '';
  return issue.column === null ? `line ${issue.line}` : `line ${issue.line}, column ${issue.column}`;
}

/** Errors first, then by line; problems without a place last. */
export function sortIssues(issues: readonly ComposeIssue[]): ComposeIssue[] {
  const rank = (issue: ComposeIssue): number => (issue.severity === 'error' ? 0 : 1);
  return [...issues].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * Where a 1-based line (and column) starts and where that line ends in `text`, as offsets for
 * `setSelectionRange`; null when the text has no such line.
 */
export function lineRange(
  text: string,
  line: number,
  column: number | null = null,
): { start: number; end: number } | null {
  if (!Number.isInteger(line) || line < 1) return null;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return null;
    start = next + 1;
  }
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline;
  const from = column !== null && column >= 1 ? Math.min(end, start + column - 1) : start;
  return { start: from, end };
}
