/** An SSH key pair held by Crossdock: the private half lives in the vault, never here. */
export interface SshKeyInfo {
  id: string;
  name: string;
  /** e.g. `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256` */
  type: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The OpenSSH public key line, to paste into authorized_keys. */
  publicKey: string;
  createdAt: string;
}

/** A concrete `Host` entry of ~/.ssh/config, offered as a suggestion when adding a host. */
export interface SshConfigHost {
  alias: string;
  hostName: string;
  user?: string | undefined;
  port?: number | undefined;
  identityFile?: string | undefined;
}
