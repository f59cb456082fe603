export { chooseHostKey, type ChosenHostKey } from '../chosen-host-key.js';

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
