// The CLI's bundle: electron/headless/main.ts and everything it imports from this repository,
// compiled once into out/cli/ so that `crossdock` starts without compiling TypeScript (through
// tsx, every run paid about a second for it). npm builds it on `npm install` (the `prepare`
// script); bin/crossdock.mjs rebuilds it when a source changed since, so the command never runs
// stale code after an edit, a pull or a branch switch.
//
// Why esbuild rather than the rolldown that electron-vite already uses for the app: a plain
// Node library build with code splitting is one call here, it takes about 0.2 s (quick enough
// to run on demand from the bin), and its metafile says which sources went into which output,
// which is what the freshness check and the start-up test read.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Two folders below the root, like electron/headless, so the CLI finds out/renderer the same way from both. */
export const CLI_DIR = join(ROOT, 'out', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'crossdock.mjs');
const MANIFEST = join(CLI_DIR, 'manifest.json');
/** Files that shape the bundle without being bundled themselves. */
const BUILD_INPUTS = ['scripts/cli-bundle.mjs', 'tsconfig.json'];

/**
 * @typedef {object} CliManifest
 * @property {Record<string, [number, number]>} sources every input as [mtimeMs, size] when it was built
 * @property {string[]} startupFiles the files of out/cli that load before main.ts runs: the entry and the chunks it imports statically
 * @property {string[]} startupInputs the sources inside those files
 */

/** @returns {CliManifest | null} */
export function readManifest() {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * True when the bundle exists and no source it was built from changed (mtime or size), moved
 * or vanished. A few hundred stat calls: about a millisecond.
 */
export function isBundleFresh() {
  const manifest = readManifest();
  if (!manifest) return false;
  for (const [path, [mtimeMs, size]] of Object.entries(manifest.sources)) {
    const stats = statSync(join(ROOT, path), { throwIfNoEntry: false });
    if (!stats || stats.mtimeMs !== mtimeMs || stats.size !== size) return false;
  }
  return true;
}

/**
 * Builds out/cli. Safe while other processes run the previous bundle or build at the same
 * time: chunk names carry a content hash, each file is written beside its place and renamed
 * over it, the entry after its chunks and the manifest last. Chunks of earlier builds are
 * removed only when an hour old (a long `crossdock serve` may still import one).
 */
export async function buildCliBundle() {
  const { build } = await import('esbuild');
  const started = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { crossdock: 'electron/headless/main.ts' },
    outdir: 'out/cli',
    bundle: true,
    // Dependencies stay in node_modules: several load native addons or read files beside their
    // own sources (ssh2, cpu-features), and the cloud SDKs alone would add 70 MB of bundle.
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    // Dynamic import() stays lazy: each command, the CLI behind the quick answers, and each
    // cloud provider (with its SDK) is a chunk loaded only when used.
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(CLI_DIR, { recursive: true });
  const entry = result.outputFiles.find((file) => file.path === CLI_ENTRY);
  if (!entry) throw new Error(`esbuild did not produce ${CLI_ENTRY}`);
  for (const file of result.outputFiles) if (file !== entry) writeAtomically(file.path, file.contents);
  writeAtomically(entry.path, entry.contents);

  const inputs = [...Object.keys(result.metafile.inputs), ...BUILD_INPUTS];
  /** @type {CliManifest} */
  const manifest = {
    sources: Object.fromEntries(
      inputs.map((path) => {
        const stats = statSync(join(ROOT, path));
        // Edited while esbuild read it: the bundle may hold the old text, so never call it fresh.
        return [path, [stats.mtimeMs >= started ? -1 : stats.mtimeMs, stats.size]];
      }),
    ),
    ...startup(result.metafile),
  };
  writeAtomically(MANIFEST, JSON.stringify(manifest, null, 1));
  pruneOldChunks(new Set([...result.outputFiles.map((file) => file.path), MANIFEST]));
}

/** What `crossdock --version` loads: the entry and the chunks it imports statically, transitively. */
function startup(metafile) {
  const files = new Set();
  const visit = (output) => {
    if (files.has(output)) return;
    files.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(relative(ROOT, CLI_ENTRY));
  return {
    startupFiles: [...files],
    startupInputs: [...files].flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {})),
  };
}

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function pruneOldChunks(current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(CLI_DIR)) {
    const path = join(CLI_DIR, name);
    if (current.has(path)) continue;
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats && stats.mtimeMs < hourAgo) rmSync(path, { force: true });
  }
}
