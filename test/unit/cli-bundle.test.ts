import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

// The `crossdock` command runs from out/cli, which `npm install` builds through the `prepare`
// script. These tests build it that way, then watch which modules Node loads for the quick answers.
vi.setConfig({ testTimeout: 60_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'out', 'cli', 'crossdock.mjs');
const manifestPath = join(root, 'out', 'cli', 'manifest.json');
const scratch = mkdtempSync(join(tmpdir(), 'crossdock-cli-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A module hook (node --import) that writes down every module Node loads, one URL a line.
writeFileSync(
  join(scratch, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  appendFileSync(process.env.LOAD_LOG, url + '\\n');
  return nextLoad(url, context);
}
`,
);
writeFileSync(
  join(scratch, 'register.mjs'),
  `import { register } from 'node:module';
register('./hooks.mjs', import.meta.url);
`,
);

interface Manifest {
  startupFiles: string[];
  startupInputs: string[];
}

/**
 * Runs the built entry itself (no bin, so no rebuild) and returns its output and the files it
 * loaded (absolute paths, the hook's own left out; packages under their real path).
 */
function runBundle(args: string[]): { code: number | null; stdout: string; loaded: string[] } {
  const log = join(scratch, `loads-${args.join('-')}.log`);
  const result = spawnSync(process.execPath, ['--import', join(scratch, 'register.mjs'), entry, ...args], {
    env: { ...process.env, LOAD_LOG: log, CROSSDOCK_HOME: scratch },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const urls = readFileSync(log, 'utf8').trim().split('\n');
  const loaded = urls
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((path) => !path.startsWith(scratch));
  return { code: result.status, stdout: result.stdout, loaded };
}

describe('the CLI bundle', () => {
  it('is built by the prepare script that npm runs on install', () => {
    expect(packageJson.scripts.prepare).toBe('node scripts/build-cli.mjs');
    const started = Date.now();
    const build = spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    // Rewritten by this build, not left over from an earlier one.
    expect(statSync(manifestPath).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    expect(statSync(entry).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
  });

  it('answers --version and help without loading the core, shared/ or any package', () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    // What the entry holds and imports statically, as esbuild reports it.
    expect(
      manifest.startupInputs.filter((input) => input.startsWith('electron/core/') || input.startsWith('shared/')),
    ).toEqual([]);

    const version = runBundle(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(packageJson.version);
    // The startup files and nothing else: no other chunk of the CLI, nothing from node_modules.
    const startupFiles = manifest.startupFiles.map((file) => join(root, file)).sort();
    expect(version.loaded.sort()).toEqual(startupFiles);

    const help = runBundle(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: crossdock <command>');
    expect(help.loaded.sort()).toEqual(startupFiles);
  });

  it('loads the core once a command needs it (the watch above sees lazy chunks and packages)', () => {
    const info = runBundle(['info', '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ version: packageJson.version, dataDir: scratch });
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const beyondStartup = info.loaded.filter((path) => !manifest.startupFiles.includes(relative(root, path)));
    expect(beyondStartup.some((path) => path.startsWith(join(root, 'out', 'cli', 'cli-')))).toBe(true);
    expect(beyondStartup.some((path) => path.includes('node_modules/zod/'))).toBe(true);
  });
});
