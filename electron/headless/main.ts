import { answerWithoutCore } from './quick-answers.js';

// The `crossdock` command's entry point, built into out/cli/crossdock.mjs (scripts/build-cli.mjs)
// and run by bin/crossdock.mjs. `--version` and `help` answer before anything else is loaded; every
// other command imports the CLI, and with it the core, on demand.
const argv = process.argv.slice(2);
const quick = answerWithoutCore(argv);
if (quick !== undefined) {
  process.stdout.write(quick + '\n');
} else {
  const { describeCliError, runCli } = await import('./cli.js');
  try {
    const code = await runCli(argv);
    // A finished command exits now, even if a socket or timer somewhere is still winding down.
    if (code !== 'keep-alive') process.exit(code);
  } catch (error) {
    process.stderr.write(describeCliError(error) + '\n');
    process.exitCode = 1;
  }
}
