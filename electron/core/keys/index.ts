export { readPrivateKey, type PrivateKeyInfo } from './private-key.js';
export { generateEd25519Key, type GeneratedKey } from './generate-key.js';
export {
  createMemoryKeyMetadataStore,
  KeyStore,
  keySecretId,
  type ImportKeyArgs,
  type KeyMeta,
  type KeyMetadataStore,
  type KeyStoreOptions,
} from './key-store.js';
export { readSshConfigHosts, type SshConfigHost } from './ssh-config-hosts.js';
export { type SshKeyType } from './openssh-private-key.js';
export { sshFingerprint } from './public-key.js';
