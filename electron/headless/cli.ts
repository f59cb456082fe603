import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CrossdockError } from '../../shared/index.js';
import { createCore } from '../core/create-core.js';
import { CROSSDOCK_VERSION } from '../core/version.js';
import { unlockFromEnv } from '../core/vault/index.js';
import type { Command } from './commands/context.js';
import { bootstrapCommand } from './commands/bootstrap.js';
import { execCommand } from './commands/exec.js';
import { hostCommand } from './commands/host.js';
import { infoCommand } from './commands/info.js';
import { jobsCommand } from './commands/jobs.js';
import { logsCommand } from './commands/logs.js';
import { machineCommand, providerCommand } from './commands/machine.js';
import { migrateCommand } from './commands/migrate.js';
import { psCommand } from './commands/ps.js';
import { serveCommand } from './commands/serve.js';
import { sshCommand } from './commands/ssh.js';
import { agentCommand, knownHostsCommand, sshConfigCommand } from './commands/ssh-config.js';
import { deployCommand } from './commands/deploy.js';
import { portsCommand } from './commands/ports.js';
import { secretCommand } from './commands/secret.js';
import { workloadsCommand } from './commands/workloads.js';

const HELP = `Crossdock ${CROSSDOCK_VERSION} — containers on your own servers, across clouds.

Usage: crossdock <command> [options]

Commands:
  host add NAME --ssh USER@ADDRESS[:PORT] --key PATH [--trust SHA256:… | --trust-on-first-use]
                        Add a server reached by SSH (its host key is verified on every connection)
  host add NAME --local Add the Docker engine on this machine
  host ls [--json]      List hosts and their connection status
  host trust NAME SHA256:…
                        Pin a host's new key after a verified change (a reinstalled server)
  host rm NAME          Remove a host from Crossdock (nothing on the host is changed)
  ps [--host NAME]… [-a] [--json]
                        Containers on every host (running only unless -a)
  logs HOST/CONTAINER [-f] [--tail N]
                        A container's log; -f follows it until Ctrl+C
  exec HOST/CONTAINER -- CMD…
                        Run a command in a container; exits with its exit code
  ssh HOST [-- CMD…]    A shell on a host (or one command), with the key from the vault; exits with its code
  ssh-config [HOST]…    OpenSSH Host blocks for your own ssh: pinned host keys, keys from \`crossdock agent\`
  agent [--socket PATH] An SSH agent serving the vault's host keys to your own ssh (until Ctrl+C)
  bootstrap HOST [--json] [--distribution-packages-only]
                        Install and configure Docker on a host, whatever its Linux (safe to run twice)
  provider add NAME --type aws|gcp [--profile P | --access-key-id ID | --credentials-file FILE] --region R [--endpoint URL]
                        Add a cloud account (credentials are checked, then kept in the vault)
  provider ls [--json]  Providers machines can be created on (the local sandbox is built in)
  provider rm NAME
  machine create NAME [--provider local] [--size small|medium|large|TYPE] [--os debian-12|ubuntu-24.04]
                 [--region R] [--open-port N]… [--json]
                        Create a machine, wait for SSH with a verified host key, bootstrap Docker
  machine ls [--json]   Machines on every provider
  machine start|stop|rm NAME
  deploy FILE --host HOST [--project P] [--auto-ports] [--force-recreate] [--json]
                        Deploy a compose project to a host (again: applies changes); a taken port
                        is refused unless --auto-ports picks a free one
  workloads ls [--host HOST]… [--json]
                        Compose projects on every host (Crossdock's and the docker compose CLI's)
  workloads check FILE [--json]
                        Check a compose file: every unsupported key or bad value with its line
  workloads rm HOST/PROJECT [--volumes]
                        Remove a project's containers and networks (its volumes with --volumes)
  ports [--host HOST]… [--json]
                        The port map: host:port → project/service/container on every host
  secret set NAME [--from-file PATH] | secret ls [--json] | secret rm NAME
                        Values for compose secrets, kept in the vault (set reads stdin or asks)
  migrate HOST/CONTAINER --to HOST [--dry-run] [--remove-source] [--relay] [--healthy-seconds N] [--json]
  migrate HOST/project:P --to HOST [...]
                        Move a container or a compose project (image, config, volume data) to another host
  migrate ls [--json]   Migrations and their state (interrupted ones can be resumed or rolled back)
  migrate resume ID | migrate rollback ID
  serve [--port N]      Serve the app and its API on 127.0.0.1 (default port 7420, 0 = any free port)
  jobs ls [--json]      List background jobs (running, finished, interrupted)
  info [--json]         Show the version and where data lives
  help                  Show this help
  --version             Print the version

Data lives in $CROSSDOCK_HOME when set, else the platform's config folder (~/.config/crossdock on Linux).
Secrets are kept in an encrypted vault; the CLI unlocks it with $CROSSDOCK_PASSPHRASE.`;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  jobs: jobsCommand,
  info: infoCommand,
  host: hostCommand,
  ps: psCommand,
  logs: logsCommand,
  exec: execCommand,
  ssh: sshCommand,
  'ssh-config': sshConfigCommand,
  'known-hosts': knownHostsCommand,
  agent: agentCommand,
  bootstrap: bootstrapCommand,
  machine: machineCommand,
  migrate: migrateCommand,
  provider: providerCommand,
  deploy: deployCommand,
  workloads: workloadsCommand,
  ports: portsCommand,
  secret: secretCommand,
};

const here = dirname(fileURLToPath(import.meta.url));

/** Runs one CLI invocation; returns the exit code, or 'keep-alive' for long-running commands. */
export async function runCli(argv: string[], out: (text: string) => void = console.log): Promise<number | 'keep-alive'> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    out(CROSSDOCK_VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new CrossdockError('INVALID_ARGUMENT', `Unknown command "${name}"; run "crossdock help" for the list`);
  const core = createCore({ mode: name === 'serve' ? 'web' : 'cli' });
  const client = core.connectInProcess();
  // Headless clients have no keychain: the vault opens with CROSSDOCK_PASSPHRASE when it is set.
  await unlockFromEnv(core.vault, process.env, core.logger);
  const rendererDir = process.env.CROSSDOCK_RENDERER_DIR ?? join(here, '..', '..', 'out', 'renderer');
  try {
    const result = await command(args, { core, client, out, rendererDir });
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

/** One line on stderr: what went wrong and its code. Unexpected errors say where the log is. */
export function describeCliError(error: unknown): string {
  if (error instanceof CrossdockError) return `crossdock: ${error.message} (${error.code})`;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return `crossdock: ${error.message} (INVALID_ARGUMENT)`;
  }
  return `crossdock: unexpected error: ${error instanceof Error ? error.message : String(error)} (INTERNAL)`;
}
