import { describeCliError, runCli } from './cli.js';

// The `crossdock` command's entry point (bin/crossdock.mjs loads this through tsx).
try {
  const code = await runCli(process.argv.slice(2));
  // A finished command exits now, even if a socket or timer somewhere is still winding down.
  if (code !== 'keep-alive') process.exit(code);
} catch (error) {
  process.stderr.write(describeCliError(error) + '\n');
  process.exitCode = 1;
}
