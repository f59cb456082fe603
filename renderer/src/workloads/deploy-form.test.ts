import { describe, expect, it } from 'vitest';
import type { ComposeIssue, ComposeSummary } from '../../../shared/index.js';
import {
  addPicked,
  deployProblems,
  filesForCompose,
  issuePlace,
  lineRange,
  projectFor,
  sortIssues,
  type DeployForm,
} from './deploy-form.js';

const summary = (name: string | null): ComposeSummary => ({
  name,
  services: [],
  volumes: [],
  networks: [],
  envFiles: [],
  secrets: [],
  variables: [],
});
const form = (changes: Partial<DeployForm> = {}): DeployForm => ({
  host: 'h1',
  project: '',
  compose: 'services: {}',
  files: [],
  autoPorts: false,
  ...changes,
});
const issue = (changes: Partial<ComposeIssue>): ComposeIssue => ({
  path: 'services.web',
  line: null,
  column: null,
  message: 'wrong',
  severity: 'error',
  ...changes,
});

describe('filesForCompose', () => {
  it('passes each picked file under its name, and under every env_file path ending in that name', () => {
    const files = filesForCompose(
      [
        { name: '.env', text: 'TAG=1' },
        { name: 'web.env', text: 'A=1' },
      ],
      [{ path: './web.env' }, { path: 'config/web.env' }, { path: 'db.env' }],
    );
    expect(files).toEqual({ '.env': 'TAG=1', 'web.env': 'A=1', './web.env': 'A=1', 'config/web.env': 'A=1' });
  });

  it('is empty when nothing was picked', () => {
    expect(filesForCompose([], [{ path: 'db.env' }])).toEqual({});
  });
});

describe('addPicked', () => {
  it('replaces a file picked again under the same name, and keeps the list in name order', () => {
    const files = addPicked(
      [
        { name: 'web.env', text: 'old' },
        { name: '.env', text: 'X=1' },
      ],
      [
        { name: 'web.env', text: 'new' },
        { name: 'db.env', text: 'D=1' },
      ],
    );
    expect(files).toEqual([
      { name: '.env', text: 'X=1' },
      { name: 'db.env', text: 'D=1' },
      { name: 'web.env', text: 'new' },
    ]);
  });
});

describe('projectFor and deployProblems', () => {
  it('takes the typed project name over the file’s name:', () => {
    expect(projectFor({ project: ' shop ' }, summary('other'))).toBe('shop');
    expect(projectFor({ project: '' }, summary('other'))).toBe('other');
    expect(projectFor({ project: '' }, null)).toBe('');
  });

  it('has no problem with a host, a file and a project name from either place', () => {
    expect(deployProblems(form({ project: 'shop' }), null)).toEqual({});
    expect(deployProblems(form(), summary('shop'))).toEqual({});
  });

  it('asks for the host, the file and a project name when they are missing', () => {
    expect(deployProblems(form({ host: '', compose: '  ' }), summary(null))).toEqual({
      host: 'Choose the host to deploy to.',
      compose: 'Paste a compose file, or open one.',
      project: 'Name the project, or put name: at the top of the compose file.',
    });
  });

  it('refuses a project name docker compose would refuse, saying why', () => {
    expect(deployProblems(form({ project: 'My Shop' }), null).project).toMatch(
      /^“My Shop” is not a project name: a project name is lowercase letters/,
    );
  });
});

describe('issues', () => {
  it('says where an issue is', () => {
    expect(issuePlace({ line: 4, column: 7 })).toBe('line 4, column 7');
    expect(issuePlace({ line: 4, column: null })).toBe('line 4');
    expect(issuePlace({ line: null, column: null })).toBe('');
  });

  it('puts errors first, each kind by line, issues without a place last', () => {
    const sorted = sortIssues([
      issue({ path: 'w1', severity: 'warning', line: 1 }),
      issue({ path: 'e-none' }),
      issue({ path: 'e9', line: 9 }),
      issue({ path: 'e2', line: 2, column: 5 }),
      issue({ path: 'e2a', line: 2, column: 1 }),
    ]);
    expect(sorted.map((i) => i.path)).toEqual(['e2a', 'e2', 'e9', 'e-none', 'w1']);
  });
});

describe('lineRange', () => {
  const text = 'services:\n  web:\n    image: x\n';

  it('finds a line from its start to its end', () => {
    expect(lineRange(text, 1)).toEqual({ start: 0, end: 9 });
    expect(lineRange(text, 3)).toEqual({ start: 17, end: 29 });
    expect(text.slice(17, 29)).toBe('    image: x');
  });

  it('starts at the column when there is one, never past the line end', () => {
    expect(lineRange(text, 3, 5)).toEqual({ start: 21, end: 29 });
    expect(lineRange(text, 3, 99)).toEqual({ start: 29, end: 29 });
  });

  it('finds the last line without a newline, and nothing past the end', () => {
    expect(lineRange('a\nbc', 2)).toEqual({ start: 2, end: 4 });
    expect(lineRange('a\nbc', 3)).toBeNull();
    expect(lineRange('a', 0)).toBeNull();
  });
});
