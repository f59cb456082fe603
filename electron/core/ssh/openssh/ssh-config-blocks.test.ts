import { describe, expect, it } from 'vitest';
import type { StoredHost } from '../../hosts/inventory.js';
import { hostKeyAlgorithms, sshConfigBlocks } from './ssh-config-blocks.js';

const base: StoredHost = {
  id: 'h1',
  name: 'web-1',
  kind: 'ssh',
  address: '203.0.113.10',
  port: 2222,
  user: 'admin',
  keyId: 'k1',
  hostKey: { keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' },
  socketPath: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('sshConfigBlocks', () => {
  const options = {
    knownHostsCommand: ['/usr/bin/node', '/opt/my tools/crossdock.mjs', 'known-hosts', '%H', '%t', '%K'],
    agentSocket: '/home/a/.config/crossdock/agent.sock',
  };

  it('writes one Host block per SSH host with the pin checked by the command and keys from the agent', () => {
    const text = sshConfigBlocks([base], options);
    expect(text).toContain(
      'Host web-1\n  HostName 203.0.113.10\n  Port 2222\n  User admin\n  HostKeyAlias crossdock-h1\n  HostKeyAlgorithms ssh-ed25519\n',
    );
    expect(text).toContain('  StrictHostKeyChecking yes\n  UserKnownHostsFile none\n  GlobalKnownHostsFile none\n');
    expect(text).toContain('  KnownHostsCommand /usr/bin/node "/opt/my tools/crossdock.mjs" known-hosts %H %t %K\n');
    expect(text).toContain('  IdentityAgent /home/a/.config/crossdock/agent.sock\n');
    expect(text).not.toMatch(/PRIVATE|IdentityFile/);
  });

  it('leaves out the local engine and hosts without an address, and returns nothing for none', () => {
    const local: StoredHost = {
      ...base,
      id: 'h2',
      name: 'laptop',
      kind: 'local',
      address: null,
      port: null,
      user: null,
      keyId: null,
      hostKey: null,
      socketPath: '/var/run/docker.sock',
    };
    expect(sshConfigBlocks([local], options)).toBe('');
    expect(sshConfigBlocks([base, local], options).match(/^Host /gm)).toHaveLength(1);
  });

  it('asks for the RSA key under its SHA-2 signature names', () => {
    expect(hostKeyAlgorithms('ssh-rsa')).toBe('rsa-sha2-512,rsa-sha2-256,ssh-rsa');
    expect(hostKeyAlgorithms('ecdsa-sha2-nistp256')).toBe('ecdsa-sha2-nistp256');
  });
});
