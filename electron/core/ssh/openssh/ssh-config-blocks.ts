import type { StoredHost } from '../../hosts/inventory.js';

export interface SshConfigOptions {
  /** The command ssh runs to check a host key: argv, `%`-tokens left for ssh to expand. */
  knownHostsCommand: string[];
  /** Where `crossdock agent` listens. */
  agentSocket: string;
}

/** ssh_config's quoting: a word with spaces or quotes is wrapped in double quotes. */
function quoted(word: string): string {
  return /^[\w@%./:=+-]+$/.test(word) ? word : `"${word.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * The host key algorithms to ask for: only the pinned key's type, so ssh negotiates the key
 * Crossdock pinned rather than another one the server also has (which no pin would match).
 * An RSA key is offered under its SHA-2 signature names.
 */
export function hostKeyAlgorithms(keyType: string): string {
  return keyType === 'ssh-rsa' ? 'rsa-sha2-512,rsa-sha2-256,ssh-rsa' : keyType;
}

/**
 * OpenSSH `Host` blocks for the SSH hosts Crossdock manages, for users who want their own
 * `ssh`, `scp`, `rsync` or editor. Nothing secret is in them: host keys are checked by
 * `crossdock known-hosts` against the pins, and the private keys stay in the vault, offered by
 * `crossdock agent` over a socket only the user can open.
 */
export function sshConfigBlocks(hosts: StoredHost[], options: SshConfigOptions): string {
  const blocks = hosts
    .filter((host) => host.kind === 'ssh' && host.address && host.port && host.user)
    .map((host) => {
      const lines = [
        `# Crossdock host "${host.name}"${host.hostKey ? ` (host key ${host.hostKey.fingerprint})` : ' (no pinned host key yet: connect once with Crossdock)'}`,
        `Host ${host.name}`,
        `  HostName ${host.address}`,
        `  Port ${host.port}`,
        `  User ${host.user}`,
        // The alias is what %H names for the known-hosts command, whatever address the host has.
        `  HostKeyAlias crossdock-${host.id}`,
        ...(host.hostKey ? [`  HostKeyAlgorithms ${hostKeyAlgorithms(host.hostKey.keyType)}`] : []),
        '  StrictHostKeyChecking yes',
        '  UserKnownHostsFile none',
        '  GlobalKnownHostsFile none',
        `  KnownHostsCommand ${options.knownHostsCommand.map(quoted).join(' ')}`,
        `  IdentityAgent ${quoted(options.agentSocket)}`,
      ];
      return lines.join('\n');
    });
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}
