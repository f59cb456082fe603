import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookup, parseKnownHosts, readKnownHostsFile } from './known-hosts.js';
import { matchPatternList, matchWildcard } from './host-patterns.js';

// testdata/known_hosts was written by ssh-keygen 9.2 (`ssh-keygen -H` for the hashed lines); the
// fingerprints below are what `ssh-keygen -lf` printed for the same keys.
const fixturePath = new URL('./testdata/known_hosts', import.meta.url);
const entries = parseKnownHosts(readFileSync(fixturePath, 'utf8'));
const ED25519 = 'ssh-ed25519';
const fp = {
  edA: 'SHA256:peysiPsXvzIhX5blJBD+4T2gobMXXjiYESj+EBurDgg',
  edB: 'SHA256:Y20S7ALQfA5ek3/y4yFhvzQT9fJFG/dIf2FaMt7/LnE',
  edC: 'SHA256:q0PVqvR8h8OixdLDHCfngTEdNN7eDmvhioPa3W/kGP4',
  edD: 'SHA256:Dril5J2Lotj03Bvv/Hg2uWEAGK4DXvj0ehdEyvaGpO0',
  ecA: 'SHA256:xx+g6ZBS5NHd3mM+M8rIQK3yjLgQHPYBgyDZhewmGE0',
  rsaA: 'SHA256:jyWcEtjR56GOWPNcBTklkydCnaBU72Yo4ZPMZyvEjjs',
};

describe('parseKnownHosts', () => {
  it('reads hashed, plain, wildcard and marked lines and skips what ssh would skip', () => {
    const summary = entries.map((e) => [e.line, e.marker, e.keyType, e.fingerprint]);
    expect(summary).toEqual([
      [3, 'none', ED25519, fp.edA],
      [4, 'none', ED25519, fp.edB],
      [5, 'none', ED25519, fp.edB],
      [6, 'none', ED25519, fp.edC],
      [9, 'none', 'ecdsa-sha2-nistp256', fp.ecA],
      [10, 'none', 'ssh-rsa', fp.rsaA],
      [11, 'none', ED25519, fp.edB],
      [13, 'none', ED25519, fp.edC],
      [14, 'none', ED25519, fp.edA],
      [16, 'revoked', ED25519, fp.edD],
      [18, 'cert-authority', ED25519, fp.edC],
    ]);
    expect(entries[0]?.hashed?.salt).toHaveLength(20);
  });

  it('treats a missing file as empty', async () => {
    await expect(readKnownHostsFile('/nonexistent/known_hosts')).resolves.toEqual([]);
  });
});

describe('lookup', () => {
  it('matches hashed names, including both halves of a hashed comma list', () => {
    expect(lookup(entries, 'web1.example.com', 22, ED25519, fp.edA)).toEqual({
      status: 'match',
      knownFingerprints: [fp.edA],
    });
    expect(lookup(entries, 'db.example.com', 22, ED25519, fp.edB).status).toBe('match');
    expect(lookup(entries, '10.0.0.5', 22, ED25519, fp.edB).status).toBe('match');
    // Case does not matter, as in ssh.
    expect(lookup(entries, 'WEB1.Example.COM', 22, ED25519, fp.edA).status).toBe('match');
  });

  it('files non-22 ports under [host]:port only, hashed or plain', () => {
    expect(lookup(entries, 'git.example.com', 2222, ED25519, fp.edC).status).toBe('match');
    expect(lookup(entries, 'git.example.com', 22, ED25519, fp.edC).status).toBe('unknown');
    expect(lookup(entries, 'web1.example.com', 2222, ED25519, fp.edA).status).toBe('unknown');
    expect(lookup(entries, '192.0.2.8', 2200, ED25519, fp.edB).status).toBe('match');
    expect(lookup(entries, '192.0.2.8', 22, ED25519, fp.edB).status).toBe('unknown');
  });

  it('reports a different key of the same type as a mismatch, with the known fingerprints', () => {
    expect(lookup(entries, 'web1.example.com', 22, ED25519, fp.edC)).toEqual({
      status: 'mismatch',
      knownFingerprints: [fp.edA],
    });
    expect(lookup(entries, 'build.example.com', 22, 'ssh-rsa', fp.edA)).toEqual({
      status: 'mismatch',
      knownFingerprints: [fp.rsaA],
    });
  });

  it('treats a key type the host is not known with as unknown, naming the keys it is known with', () => {
    expect(lookup(entries, 'build.example.com', 22, ED25519, fp.edA)).toEqual({
      status: 'unknown',
      knownFingerprints: [fp.ecA, fp.rsaA],
    });
    expect(lookup(entries, '192.0.2.7', 22, 'ecdsa-sha2-nistp256', fp.ecA).status).toBe('match');
    expect(lookup(entries, 'never.example.com', 22, ED25519, fp.edA)).toEqual({
      status: 'unknown',
      knownFingerprints: [],
    });
  });

  it('applies wildcards and negation', () => {
    expect(lookup(entries, 'a.lab.example.com', 22, ED25519, fp.edC).status).toBe('match');
    expect(lookup(entries, 'gw.lab.example.com', 22, ED25519, fp.edC).status).toBe('unknown');
    expect(lookup(entries, 'lab.example.com', 22, ED25519, fp.edC).status).toBe('unknown');
    expect(lookup(entries, 'node7.rack.example.com', 22, ED25519, fp.edA).status).toBe('match');
    expect(lookup(entries, 'node17.rack.example.com', 22, ED25519, fp.edA).status).toBe('unknown');
  });

  it('refuses a revoked key whatever else the file says about the host', () => {
    expect(lookup(entries, 'web1.example.com', 22, ED25519, fp.edD)).toEqual({
      status: 'revoked',
      knownFingerprints: [],
    });
    expect(lookup(entries, 'anything.example.org', 2022, ED25519, fp.edD).status).toBe('revoked');
  });

  it('never takes a @cert-authority key for a host key', () => {
    expect(lookup(entries, 'x.ca.example.com', 22, ED25519, fp.edC)).toEqual({
      status: 'unknown',
      knownFingerprints: [],
    });
  });
});

describe('host patterns', () => {
  it.each([
    ['host', 'host', true],
    ['host', 'h*', true],
    ['host', '*', true],
    ['host', 'h?st', true],
    ['host', 'h?', false],
    ['[host]:2222', '[h*]:2222', true],
    ['[host]:2222', '[h*]:22', false],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaab', '*a*a*a*a*a*a*a*a*a*c', false],
  ])('%s against %s', (text, pattern, expected) => {
    expect(matchWildcard(text, pattern)).toBe(expected);
  });

  it('lets a negated pattern override a positive one in the same list', () => {
    expect(matchPatternList('*.example.com,!secret.example.com', 'secret.example.com')).toBe(false);
    expect(matchPatternList('!secret.example.com,*.example.com', 'open.example.com')).toBe(true);
    expect(matchPatternList('!secret.example.com', 'open.example.com')).toBe(false);
  });
});
