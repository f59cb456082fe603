import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_CSP, PAGE_CSP, withCspMetaTag } from '../../shared/content-security-policy.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Source files of the app (not tests, not dependencies, not build output). */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|html)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('node_modules'));
}

describe('the CSP, declared once', () => {
  it('the header is the page’s policy plus frame-ancestors, which only a header can carry', () => {
    expect(HEADER_CSP).toBe(`${PAGE_CSP}; frame-ancestors 'none'`);
    expect(PAGE_CSP).toContain("default-src 'self'");
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toMatch(/unsafe-|frame-ancestors/);
  });

  it('the build puts it into renderer/index.html right after the charset, once', () => {
    const page = withCspMetaTag(readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8'));
    const tags = [...page.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/g)];
    expect(tags.map((tag) => tag[1])).toEqual([PAGE_CSP]);
    expect(page.indexOf('<meta charset')).toBeLessThan(page.indexOf('Content-Security-Policy'));
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<script'));
    expect(() => withCspMetaTag(page)).toThrow('already has a CSP meta tag');
  });

  it('no other file writes a policy, and every file that sends the header sends HEADER_CSP', () => {
    const files = ['electron', 'renderer', 'shared', 'scripts'].flatMap(sources);
    const own = join(ROOT, 'shared', 'content-security-policy.ts');
    expect(files).toContain(own);
    // Two directives in a row are a policy being written (a comment may name one directive).
    const writers = files.filter(
      (path) => path !== own && /[a-z-]+ '[a-z-]+'; ?[a-z-]+-src /.test(readFileSync(path, 'utf8')),
    );
    expect(writers).toEqual([]);
    const senders = files.filter((path) =>
      /setHeader\('Content-Security-Policy'|set\('Content-Security-Policy'/.test(readFileSync(path, 'utf8')),
    );
    expect(senders.map((path) => path.slice(ROOT.length + 1)).sort()).toEqual([
      'electron/headless/web-server.ts',
      'electron/main/app-protocol.ts',
    ]);
    for (const path of senders) expect(readFileSync(path, 'utf8')).toMatch(/'Content-Security-Policy', HEADER_CSP\)/);
  });
});
