import { generateEd25519Key } from '../../keys/generate-key.js';

/**
 * Host keys Crossdock chooses: the machine's ed25519 host key is generated here and handed to
 * cloud-init in the user data, so its fingerprint is known before the machine exists and the
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

/**
 * Label values are at most 63 characters of `[A-Za-z0-9._-]`, starting and ending with an
 * alphanumeric: the 43-character base64 of a SHA-256 is stored url-safe, between two `k`s.
 * The label lets any laptop with the token pin the key, not only the one that created it.
 */
export function fingerprintLabel(fingerprint: string): string {
  const base64 = fingerprint.replace(/^SHA256:/, '');
  return `k${base64.replaceAll('+', '-').replaceAll('/', '_')}k`;
}

export function fingerprintFromLabel(label: string | undefined): string | null {
  if (!label || !/^k[A-Za-z0-9_-]{43}k$/.test(label)) return null;
  return `SHA256:${label.slice(1, -1).replaceAll('-', '+').replaceAll('_', '/')}`;
}
