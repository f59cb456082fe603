// `crossdock --version` and `crossdock help` answer from this module alone: the entry point
// (main.ts) imports it statically and everything else (the core, zod, ssh2, dockerode...) only
// when a command needs it, so these two start as fast as Node itself. Keep it free of imports
// from electron/core and shared/ (test/unit/cli-bundle.test.ts fails if the built entry holds any).
import packageJson from '../../package.json' with { type: 'json' };

const { version } = packageJson;

const HELP = `Crossdock ${version} — containers on your own servers, across clouds.

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
  agent [--socket PATH] An SSH agent serving the vault's keys to your own ssh (until Ctrl+C)
  bootstrap HOST [--json] [--distribution-packages-only]
                        Install and configure Docker on a host, whatever its Linux (safe to run twice)
  provider add NAME --type aws|gcp|hetzner|digitalocean [--profile P | --access-key-id ID | --credentials-file FILE] --region R [--endpoint URL]
                        Add a cloud account (credentials are checked, then kept in the vault)
  provider ls [--json]  Providers machines can be created on (the local sandbox is built in)
  provider rm NAME
  machine create NAME [--provider local] [--size small|medium|large|TYPE] [--os debian-12|ubuntu-24.04]
                 [--region R] [--open-port N[,N…]]… [--json]
                        Create a machine, wait for SSH with a verified host key, bootstrap Docker
  machine ls [--json]   Machines on every provider
  machine start|stop|rm NAME
  cost [--refresh] [--set NAME=USD | --unset NAME] [--json]
                        What each machine costs this month (so far and projected), per provider and in
                        total, from the providers' own price lists (--refresh fetches them again)
  compare [--vcpus N] [--memory GiB] [--arch amd64|arm64] [--region TEXT] [--max-monthly USD] [--json]
                        Every cached size of every provider and region, cheapest first, with its
                        price's age (--region matches region names and continents: eu, us-east, asia)
  deploy FILE --host HOST [--project P] [--profile NAME]… [--auto-ports] [--force-recreate] [--pull always|missing|never] [--json]
                        Deploy a compose project to a host (again: applies changes); images are
                        pulled as pull_policy (or --pull) says, build: ones built on the host when
                        their context changed; a taken port is refused unless --auto-ports picks a free one
  workloads ls [--host HOST]… [--json]
                        Compose projects on every host (Crossdock's and the docker compose CLI's)
  workloads check FILE [--profile NAME]… [--json]
                        Check a compose file: every unsupported key or bad value with its line
  workloads rm HOST/PROJECT [--volumes]
                        Remove a project's containers and networks (its volumes with --volumes)
  ports [--host HOST]… [--json]
                        The port map: host:port → project/service/container on every host
  secret set NAME [--from-file PATH] | secret ls [--json] | secret rm NAME
                        Values for compose secrets, kept in the vault (set reads stdin or asks)
  registry login REGISTRY [-u USER] [--password-stdin] [--no-verify]
                        Save a registry login in the vault (checked first); pulls send it, hosts never keep it
  registry ls [--json] | registry test REGISTRY | registry rm REGISTRY
  registry import [--json]
                        Save this computer's Docker logins (config.json auths and credential helpers)
  image pull HOST IMAGE [--json]
                        Pull an image onto a host with the vault's login for its registry (per-layer progress)
  image send HOST/IMAGE --to HOST [--to HOST]… [--relay] [--json]
                        Send an image from one host to others, host to host, only the layers each lacks
  image ls [--host HOST]… [--json]
                        Images on every host, with the containers that use them
  image rm HOST IMAGE [--force]
                        Remove an image; refused while containers use it (--force: stopped ones only)
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

/** The help text or the version when `argv` asks for one of them, else undefined. */
export function answerWithoutCore(argv: readonly string[]): string | undefined {
  const [name] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return HELP;
  if (name === '--version' || name === '-v' || name === 'version') return version;
  return undefined;
}
