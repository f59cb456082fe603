import { parse } from 'yaml';

/** What the emulated cloud-init takes from the user data: a host key Crossdock chose, if any. */
export interface UserDataHostKey {
  privateKey: string;
  publicKey: string;
  /** `ssh_deletekeys`: the image's other host keys go. */
  deleteOthers: boolean;
}

export function hostKeyFromUserData(userData: string | undefined): UserDataHostKey | null {
  if (!userData?.startsWith('#cloud-config')) return null;
  const config = parse(userData) as {
    ssh_deletekeys?: boolean;
    ssh_keys?: { ed25519_private?: string; ed25519_public?: string };
  } | null;
  const privateKey = config?.ssh_keys?.ed25519_private;
  const publicKey = config?.ssh_keys?.ed25519_public;
  if (!privateKey || !publicKey) return null;
  return { privateKey, publicKey, deleteOthers: config.ssh_deletekeys === true };
}

/**
 * A shell script that does inside a rig machine what cloud-init's `ssh_keys` module does on a
 * real server: install the given ed25519 host key and, with `ssh_deletekeys` (and no generated
 * types), make it the only key sshd offers. The caller then sends sshd (PID 1) SIGHUP.
 */
export function installHostKeyScript(key: UserDataHostKey): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  return [
    'set -eu',
    ...(key.deleteOthers ? ['rm -f /etc/ssh/ssh_host_*'] : []),
    `printf '%s\\n' ${quote(key.privateKey.trimEnd())} > /etc/ssh/ssh_host_ed25519_key`,
    'chmod 0600 /etc/ssh/ssh_host_ed25519_key',
    `printf '%s\\n' ${quote(key.publicKey.trim())} > /etc/ssh/ssh_host_ed25519_key.pub`,
    // The rig's start script runs `ssh-keygen -A` at each start, which would add the other types
    // again; naming the one HostKey keeps sshd offering only the chosen key.
    ...(key.deleteOthers
      ? ["echo 'HostKey /etc/ssh/ssh_host_ed25519_key' > /etc/ssh/sshd_config.d/00-cloud-init-host-keys.conf"]
      : []),
  ].join('\n');
}
