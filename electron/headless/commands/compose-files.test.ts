import { describe, expect, it } from 'vitest';
import { defaultProjectName, formatIssueAt } from './compose-files.js';

describe('compose files on disk', () => {
  it('names a project after its folder, as docker compose does', () => {
    expect(defaultProjectName('/home/me/My Shop.v2')).toBe('myshopv2');
    expect(defaultProjectName('/srv/_blog')).toBe('blog');
    expect(defaultProjectName('/srv/api-gateway_1')).toBe('api-gateway_1');
  });

  it('prints an issue like a compiler message', () => {
    expect(
      formatIssueAt('compose.yaml', {
        path: 'services.web.deploy',
        line: 12,
        column: 5,
        message: 'not supported',
        severity: 'error',
      }),
    ).toBe('compose.yaml:12:5: services.web.deploy: not supported');
    expect(
      formatIssueAt('c.yml', {
        path: 'services.web.image',
        line: 3,
        column: 12,
        message: 'variable TAG is not set: using an empty string',
        severity: 'warning',
      }),
    ).toBe('c.yml:3:12: warning: services.web.image: variable TAG is not set: using an empty string');
    expect(
      formatIssueAt('c.yml', {
        path: '',
        line: null,
        column: null,
        message: 'a compose file is a map with a services: key',
        severity: 'error',
      }),
    ).toBe('c.yml: a compose file is a map with a services: key');
  });
});
