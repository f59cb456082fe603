#!/usr/bin/env node
// Runs the CLI from its bundle (out/cli, built by `npm install` through the `prepare` script), so
// no TypeScript is compiled at start-up. When a source changed since the bundle was built (an
// edit, a pull, a branch switch), it is rebuilt first (about 0.2 s), so this command never runs
// stale code; if that cannot be done, the sources run through tsx, as slowly as before.
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, buildCliBundle, isBundleFresh } from '../scripts/cli-bundle.mjs';

let entry = pathToFileURL(CLI_ENTRY).href;
if (!isBundleFresh()) {
  try {
    // Said only to a person at a terminal: scripts and tests read stderr as the command's own.
    if (process.stderr.isTTY)
      process.stderr.write('crossdock: sources changed; rebuilding the CLI bundle (npm run build:cli)\n');
    await buildCliBundle();
  } catch (error) {
    process.stderr.write(
      `crossdock: could not build the CLI bundle (${error instanceof Error ? error.message : String(error)}); running the sources through tsx instead\n`,
    );
    const { register } = await import('tsx/esm/api');
    register();
    entry = new URL('../electron/headless/main.ts', import.meta.url).href;
  }
}
await import(entry);
