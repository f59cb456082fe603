import { describeCliError, runCli } from './cli.js';

// The `crossdock` command's entry point (bin/crossdock.mjs loads this through tsx).
try {
  const code = await runCli(process.argv.slice(2));
  if (code !== 'keep-alive') process.exitCode = code;
} catch (error) {
  process.stderr.write(describeCliError(error) + '\n');
  process.exitCode = 1;
}
