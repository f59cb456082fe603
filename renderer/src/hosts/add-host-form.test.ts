import { describe, expect, it } from 'vitest';
import type { SshKeyInfo } from '../../../shared/index.js';
import {
  EMPTY_ADD_HOST_FORM,
  formFromSuggestion,
  hostNameFrom,
  splitAddress,
  validateAddHost,
} from './add-host-form.js';

const form = (changes: Partial<typeof EMPTY_ADD_HOST_FORM>) => ({ ...EMPTY_ADD_HOST_FORM, ...changes });
const key = (id: string, name: string): SshKeyInfo => ({
  id,
  name,
  type: 'ssh-ed25519',
  fingerprint: 'SHA256:x',
  publicKey: 'ssh-ed25519 AAAA',
  createdAt: '',
});

describe('validateAddHost', () => {
  it('builds SSH arguments with a numeric port and trimmed fields', () => {
    expect(
      validateAddHost(form({ name: ' web-1 ', address: ' 10.0.0.5 ', port: '2222', user: 'deploy', keyId: 'k1' })),
    ).toEqual({
      args: { kind: 'ssh', name: 'web-1', address: '10.0.0.5', port: 2222, user: 'deploy', keyId: 'k1' },
    });
  });

  it('names every field to fix', () => {
    const result = validateAddHost(form({ name: '-bad', address: 'root@host', port: '70000', user: '9x', keyId: '' }));
    expect(Object.keys('problems' in result ? result.problems : {}).sort()).toEqual([
      'address',
      'keyId',
      'name',
      'port',
      'user',
    ]);
  });

  it('refuses a name the inventory already has, ignoring case', () => {
    const result = validateAddHost(form({ name: 'Web-1', address: 'h', keyId: 'k' }), ['web-1']);
    expect('problems' in result && result.problems.name).toMatch(/already exists/);
  });

  it('needs only a name for the local engine, and passes a socket path when given', () => {
    expect(validateAddHost(form({ kind: 'local', name: 'laptop', keyId: '' }))).toEqual({
      args: { kind: 'local', name: 'laptop' },
    });
    expect(validateAddHost(form({ kind: 'local', name: 'laptop', socketPath: '/run/user/1000/docker.sock' }))).toEqual({
      args: { kind: 'local', name: 'laptop', socketPath: '/run/user/1000/docker.sock' },
    });
  });
});

describe('splitAddress', () => {
  it('takes the user and port out of a pasted ssh target', () => {
    expect(splitAddress('deploy@10.0.0.5:2222')).toEqual({ address: '10.0.0.5', user: 'deploy', port: '2222' });
    expect(splitAddress('ssh://root@example.com')).toEqual({ address: 'example.com', user: 'root' });
  });

  it('understands bracketed IPv6 and leaves a bare IPv6 address alone', () => {
    expect(splitAddress('[2001:db8::1]:22')).toEqual({ address: '2001:db8::1', port: '22' });
    expect(splitAddress('2001:db8::1')).toEqual({ address: '2001:db8::1' });
  });
});

describe('suggestions from ~/.ssh/config', () => {
  it('prefills name, address, port and user, and the key imported under the IdentityFile name', () => {
    const next = formFromSuggestion(
      EMPTY_ADD_HOST_FORM,
      { alias: 'prod box', hostName: '203.0.113.7', user: 'ubuntu', port: 2200, identityFile: '~/.ssh/id_prod' },
      [key('k9', 'id_prod')],
    );
    expect(next).toMatchObject({
      kind: 'ssh',
      name: 'prod-box',
      address: '203.0.113.7',
      port: '2200',
      user: 'ubuntu',
      keyId: 'k9',
    });
  });

  it('keeps the defaults for what the entry does not say', () => {
    expect(formFromSuggestion(EMPTY_ADD_HOST_FORM, { alias: 'db', hostName: 'db.internal' }, [])).toMatchObject({
      port: '22',
      user: 'root',
      keyId: '',
    });
  });

  it('makes a valid host name from an alias', () => {
    expect(hostNameFrom('  _my host!')).toBe('my-host-');
  });
});
