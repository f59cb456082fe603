import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CrossdockError } from '../../../shared/index.js';
import { preferredHostKeyAlgorithms } from './host-key-algorithms.js';
import { keyTypeOfBlob, sha256Fingerprint } from './host-key-fingerprint.js';
import { decideHostKey, type HostKeyDecision } from './host-key-policy.js';
import { parseKnownHosts } from './known-hosts.js';

// Public halves of the keys in testdata/known_hosts, with the fingerprints ssh-keygen printed.
const blob = (base64: string): Buffer => Buffer.from(base64, 'base64');
const edA = blob('AAAAC3NzaC1lZDI1NTE5AAAAINPB+PIChDz0QxnS9a9RdmUp5pi7ckO3C1w7GBnP8AP4');
const edC = blob('AAAAC3NzaC1lZDI1NTE5AAAAIMXQEaOjJg8mFZnoNlyfEsngdv/Ou1EgO7up3eEfLidQ');
const edD = blob('AAAAC3NzaC1lZDI1NTE5AAAAIAAVIVjnREYvwqtlbvKZWv2XSxoJ4hO0fMaymS/9Jqpn');
const FP_A = 'SHA256:peysiPsXvzIhX5blJBD+4T2gobMXXjiYESj+EBurDgg';
const FP_C = 'SHA256:q0PVqvR8h8OixdLDHCfngTEdNN7eDmvhioPa3W/kGP4';
const FP_D = 'SHA256:Dril5J2Lotj03Bvv/Hg2uWEAGK4DXvj0ehdEyvaGpO0';
const knownHosts = parseKnownHosts(readFileSync(new URL('./testdata/known_hosts', import.meta.url), 'utf8'));

const web1 = { address: 'web1.example.com', port: 22, username: 'deploy' };
const HOST = 'deploy@web1.example.com:22';

function refusal(decision: HostKeyDecision): CrossdockError {
  if (decision.accepted) throw new Error(`expected a refusal, got ${decision.source}`);
  return decision.error;
}

describe('fingerprints', () => {
  it('match ssh-keygen -l and name the key type from the blob', () => {
    expect(sha256Fingerprint(edA)).toBe(FP_A);
    expect(keyTypeOfBlob(edA)).toBe('ssh-ed25519');
    expect(keyTypeOfBlob(Buffer.from([0, 0]))).toBeNull();
  });
});

describe('decideHostKey', () => {
  it('accepts the pinned key and nothing else, whatever known_hosts says', () => {
    expect(decideHostKey(web1, edA, { pinnedFingerprint: FP_A })).toMatchObject({ accepted: true, source: 'pinned' });
    const error = refusal(decideHostKey(web1, edC, { pinnedFingerprint: FP_A, knownHosts }));
    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(error.message).toContain(HOST);
    expect(error.message).toContain(FP_A);
    expect(error.message).toContain(FP_C);
    expect(error.details).toMatchObject({
      host: HOST,
      expectedFingerprints: [FP_A],
      fingerprint: FP_C,
      keyType: 'ssh-ed25519',
    });
  });

  it('follows known_hosts when nothing is pinned', () => {
    expect(decideHostKey(web1, edA, { knownHosts })).toMatchObject({ accepted: true, source: 'known-hosts' });
    const changed = refusal(decideHostKey(web1, edC, { knownHosts, trustOnFirstUse: true }));
    expect(changed.code).toBe('HOST_KEY_MISMATCH');
    expect(changed.details).toMatchObject({ expectedFingerprints: [FP_A], fingerprint: FP_C });
    const revoked = refusal(decideHostKey(web1, edD, { knownHosts, trustOnFirstUse: true }));
    expect(revoked.code).toBe('HOST_KEY_REVOKED');
    expect(revoked.message).toContain(FP_D);
  });

  it('asks about an unknown key, with its fingerprint and type in the details', () => {
    const other = { ...web1, address: 'new.example.com' };
    const error = refusal(decideHostKey(other, edC, { knownHosts }));
    expect(error.code).toBe('HOST_KEY_UNKNOWN');
    expect(error.details).toMatchObject({
      fingerprint: FP_C,
      keyType: 'ssh-ed25519',
      host: 'deploy@new.example.com:22',
    });
    expect(error.message).toContain(FP_C);
  });

  it('trusts an unknown key on first use when asked, reporting it for pinning', () => {
    const decision = decideHostKey({ ...web1, address: 'new.example.com' }, edC, { knownHosts, trustOnFirstUse: true });
    expect(decision).toEqual({
      accepted: true,
      source: 'first-use',
      key: { keyType: 'ssh-ed25519', fingerprint: FP_C },
    });
  });

  it('does not call it first use when known_hosts knows the host with other key types', () => {
    const build = { ...web1, address: 'build.example.com' };
    const error = refusal(decideHostKey(build, edC, { knownHosts, trustOnFirstUse: true }));
    expect(error.code).toBe('HOST_KEY_UNKNOWN');
    expect(error.details['knownFingerprints']).toHaveLength(2);
  });
});

describe('preferredHostKeyAlgorithms', () => {
  it('asks first for the key types already trusted', () => {
    const build = { ...web1, address: 'build.example.com' };
    expect(preferredHostKeyAlgorithms(build, { knownHosts })?.slice(0, 4)).toEqual([
      'ecdsa-sha2-nistp256',
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
    ]);
    expect(preferredHostKeyAlgorithms(web1, { pinnedFingerprint: FP_A, pinnedKeyType: 'ssh-rsa' })?.[0]).toBe(
      'rsa-sha2-512',
    );
    expect(preferredHostKeyAlgorithms({ ...web1, address: 'never.example.com' }, { knownHosts })).toBeUndefined();
  });
});
