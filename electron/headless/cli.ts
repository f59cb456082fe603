import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
// Only what starting the passphrase's scrypt needs is imported statically (not zod, not
// shared/index.js, not the core): the scrypt starts first, and the rest loads while it runs.
import { CrossdockError, errorAdvice, type ErrorAdvice } from '../../shared/errors.js';
import { resolveDataDir } from '../core/data-dir.js';
import { createFileLogger } from '../core/log/logger.js';
import { startEarlyDerivation, VAULT_FILE_NAME } from '../core/vault/early-derivation.js';
import { PASSPHRASE_ENV } from '../core/vault/unlock-from-env.js';
import type { Command } from './commands/context.js';
import { answerWithoutCore } from './quick-answers.js';

// Each command's module loads only when that command runs: `serve` alone needs the WebSocket
// server, `deploy` alone the compose reader, and start-up time is what a CLI is judged by.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  jobs: async () => (await import('./commands/jobs.js')).jobsCommand,
  info: async () => (await import('./commands/info.js')).infoCommand,
  host: async () => (await import('./commands/host.js')).hostCommand,
  ps: async () => (await import('./commands/ps.js')).psCommand,
  logs: async () => (await import('./commands/logs.js')).logsCommand,
  exec: async () => (await import('./commands/exec.js')).execCommand,
  ssh: async () => (await import('./commands/ssh.js')).sshCommand,
  'ssh-config': async () => (await import('./commands/ssh-config.js')).sshConfigCommand,
  'known-hosts': async () => (await import('./commands/ssh-config.js')).knownHostsCommand,
  agent: async () => (await import('./commands/ssh-config.js')).agentCommand,
  bootstrap: async () => (await import('./commands/bootstrap.js')).bootstrapCommand,
  machine: async () => (await import('./commands/machine.js')).machineCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  provider: async () => (await import('./commands/machine.js')).providerCommand,
  deploy: async () => (await import('./commands/deploy.js')).deployCommand,
  workloads: async () => (await import('./commands/workloads.js')).workloadsCommand,
  ports: async () => (await import('./commands/ports.js')).portsCommand,
  secret: async () => (await import('./commands/secret.js')).secretCommand,
  registry: async () => (await import('./commands/registry.js')).registryCommand,
  image: async () => (await import('./commands/image.js')).imageCommand,
  cost: async () => (await import('./commands/cost.js')).costCommand,
  compare: async () => (await import('./commands/compare.js')).compareCommand,
};

/** Commands whose only use of the vault is SSH logins to hosts (see runCli). */
const STARTS_DURING_UNLOCK: ReadonlySet<string> = new Set(['ps']);

// Two folders below the package root both in the sources (electron/headless) and in the bundle
// (out/cli), so the built renderer is found the same way from either.
const here = dirname(fileURLToPath(import.meta.url));

/** Runs one CLI invocation; returns the exit code, or 'keep-alive' for long-running commands. */
export async function runCli(
  argv: string[],
  out: (text: string) => void = console.log,
): Promise<number | 'keep-alive'> {
  const quick = answerWithoutCore(argv);
  if (quick !== undefined) {
    out(quick);
    return 0;
  }
  const [name = '', ...args] = argv;
  const loadCommand = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!loadCommand)
    throw new CrossdockError('INVALID_ARGUMENT', `Unknown command "${name}"; run "crossdock help" for the list`);
  // Headless clients have no keychain: the vault opens with CROSSDOCK_PASSPHRASE when it is set.
  // Its scrypt (a few hundred ms by design) runs on libuv's thread pool while this thread loads
  // the core, the command and, when the vault is being opened, dockerode, which most commands
  // that need it go on to use.
  const dataDir = resolveDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = createFileLogger(dataDir);
  // ssh runs `known-hosts` at every connection: it reads only the inventory, so it skips the scrypt.
  const opensVault = name !== 'known-hosts';
  const early = opensVault ? startEarlyDerivation(join(dataDir, VAULT_FILE_NAME), process.env[PASSPHRASE_ENV]) : null;
  const { createVault, unlockFromEnv } = await import('../core/vault/index.js');
  const vault = createVault({ dataDir });
  const unlocking = opensVault ? unlockFromEnv(vault, process.env, logger, early) : Promise.resolve();
  unlocking.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const [{ createCore }, command, { loadDockerode }] = await Promise.all([
    import('../core/create-core.js'),
    loadCommand(),
    import('../core/docker/dockerode-options.js'),
  ]);
  if (process.env[PASSPHRASE_ENV]) loadDockerode();
  const core = createCore({ dataDir, logger, vault, mode: name === 'serve' ? 'web' : 'cli' });
  const client = core.connectInProcess();
  const rendererDir = process.env.CROSSDOCK_RENDERER_DIR ?? join(here, '..', '..', 'out', 'renderer');
  try {
    const run = () => command(args, { core, client, out, rendererDir });
    // A command that only reads from hosts starts now: its SSH logins (TCP, key exchange, host key
    // check) run beside the scrypt and wait for the key only to authenticate (privateKeySource).
    // A wrong passphrase still ends it with that error, whichever finishes first.
    const result = STARTS_DURING_UNLOCK.has(name)
      ? (await Promise.all([run(), unlocking]))[0]
      : await unlocking.then(run);
    if (result !== 'keep-alive') {
      client.close();
      await core.dispose();
    }
    return result;
  } catch (error) {
    client.close();
    await core.dispose();
    throw error;
  }
}

/** The CLI's words for a remedy the core leaves to the client (ERROR_ADVICE): it names its flag. */
const CLI_ADVICE: Record<ErrorAdvice, string> = {
  'auto-ports': 'or add --auto-ports to publish on the next free port',
  'force-image-remove': 'or add --force to remove it from under the stopped ones',
};

/** One line on stderr: what went wrong, what to do, and its code. Unexpected errors say where the log is. */
export function describeCliError(error: unknown): string {
  if (error instanceof CrossdockError) {
    const advice = errorAdvice(error.details);
    return `crossdock: ${error.message}${advice ? ` ${CLI_ADVICE[advice]}` : ''} (${error.code})`;
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return `crossdock: ${error.message} (INVALID_ARGUMENT)`;
  }
  return `crossdock: unexpected error: ${error instanceof Error ? error.message : String(error)} (INTERNAL)`;
}
