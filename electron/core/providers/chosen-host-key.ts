import { generateEd25519Key } from '../keys/generate-key.js';

/**
 * Host keys Crossdock chooses: the machine's ed25519 host key is generated here and handed to
 * cloud-init in the user data (Hetzner, DigitalOcean, EC2), so its fingerprint is known before the machine exists and the
 * first SSH connection is pinned — no trust on first use, no console to read. The private key
 * lives only in the user data string for the create call and is not kept afterwards.
 */
export interface ChosenHostKey {
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  /** The cloud-config to pass as user data (holds the private host key: do not log or store). */
  userData: string;
}

export function chooseHostKey(machineName: string): ChosenHostKey {
  const key = generateEd25519Key(`root@${machineName}`);
  const privateText = key.privateKey.toString('utf8').trimEnd();
  key.privateKey.fill(0);
  const indented = privateText
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  // ssh_deletekeys drops any image-baked keys; an empty ssh_genkeytypes stops cloud-init from
  // generating RSA/ECDSA keys beside ours, so the machine offers exactly the pinned key.
  const userData = [
    '#cloud-config',
    'ssh_deletekeys: true',
    'ssh_genkeytypes: []',
    'ssh_keys:',
    '  ed25519_private: |',
    indented,
    `  ed25519_public: ${key.publicKey}`,
    '',
  ].join('\n');
  return { fingerprint: key.fingerprint, userData };
}
