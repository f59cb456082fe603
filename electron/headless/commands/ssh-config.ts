import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { counted, CrossdockError } from '../../../shared/index.js';
import { knownHostsAnswer } from '../../core/ssh/openssh/known-hosts-answer.js';
import { sshConfigBlocks } from '../../core/ssh/openssh/ssh-config-blocks.js';
import { startVaultAgent } from '../../core/ssh/openssh/vault-agent.js';
import type { Command } from './context.js';

/** Where `crossdock agent` listens unless told otherwise: inside the data directory (mode 0700). */
export function defaultAgentSocket(dataDir: string): string {
  return join(dataDir, 'agent.sock');
}

/** How ssh should run this same CLI: this Node and this entry script, found without PATH. */
function selfCommand(): string[] {
  const script = process.argv[1];
  return script ? [process.execPath, resolve(script)] : ['crossdock'];
}

/**
 * `crossdock ssh-config [HOST…]`: OpenSSH Host blocks for the SSH hosts (all, or those named),
 * to save as a file and `Include` from ~/.ssh/config. Host keys are checked against Crossdock's
 * pins by `crossdock known-hosts`; keys come from `crossdock agent`.
 */
export const sshConfigCommand: Command = async (args, { core, out }) => {
  const { values, positionals } = parseArgs({
    args,
    options: { socket: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const hosts = positionals.length ? positionals.map((ref) => core.hosts.find(ref)) : core.hosts.list();
  const local = hosts.find((host) => host.kind !== 'ssh');
  if (positionals.length && local)
    throw new CrossdockError('INVALID_ARGUMENT', `${local.name} is this computer's Docker engine, not an SSH host`, {
      host: local.name,
    });
  // ssh wants an absolute path for the command itself.
  const env = process.env.CROSSDOCK_HOME ? ['/usr/bin/env', `CROSSDOCK_HOME=${process.env.CROSSDOCK_HOME}`] : [];
  const text = sshConfigBlocks(hosts, {
    knownHostsCommand: [...env, ...selfCommand(), 'known-hosts', '%H', '%t', '%K'],
    agentSocket: values.socket ?? defaultAgentSocket(core.dataDir),
  });
  if (!text)
    throw new CrossdockError(
      'NOT_FOUND',
      'There are no SSH hosts yet; add one with "crossdock host add" or "crossdock machine create"',
    );
  out(text.trimEnd());
  return 0;
};

/**
 * `crossdock known-hosts ALIAS TYPE KEY` (run by ssh through KnownHostsCommand, not by people):
 * prints a known_hosts line for the offered key only if it is the one pinned for the host that
 * the alias `crossdock-ID` names. Prints nothing, and exits 0, for any other key: ssh then
 * refuses the server as it would with an unknown key.
 */
export const knownHostsCommand: Command = async (args, { core, out }) => {
  const [alias, type, key] = args;
  const id = alias?.startsWith('crossdock-') ? alias.slice('crossdock-'.length) : null;
  const host = id ? core.hosts.list().find((candidate) => candidate.id === id) : undefined;
  const line = host && type && key ? knownHostsAnswer(host.hostKey, alias ?? '', type, key) : null;
  if (line) out(line);
  return 0;
};

/**
 * `crossdock agent [--socket PATH]`: serves the vault's SSH keys to the user's own ssh until
 * Ctrl+C, so a private key never has to leave the vault as a file. Needs the vault open
 * (CROSSDOCK_PASSPHRASE).
 */
export const agentCommand: Command = async (args, { core, out }) => {
  const { values } = parseArgs({ args, options: { socket: { type: 'string' } }, strict: true });
  const socketPath = values.socket ?? defaultAgentSocket(core.dataDir);
  const keys = core.keys.list().map((meta) => ({ name: meta.name, privateKey: core.keys.privateKey(meta.id) }));
  const agent = await startVaultAgent(socketPath, keys, (name) =>
    core.logger.log('info', `SSH agent signed with key "${name}"`),
  );
  out(`SSH agent for ${counted(keys.length, 'key')} from the vault at ${socketPath}`);
  out(`Use it with "crossdock ssh-config" blocks (IdentityAgent), or: export SSH_AUTH_SOCK=${socketPath}`);
  out('Ctrl+C stops it.');
  const stop = (): void => {
    void agent.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 'keep-alive';
};
