import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, type Vault } from '../vault/vault.js';
import { helperGet, helperList } from './credential-helper.js';
import { dockerConfigPath, parseDockerConfig } from './docker-config.js';
import { writeFakeCredentialHelper } from './fake-credential-helper.js';
import { vaultRegistryAuth } from './registry-auth.js';
import { importDockerLogins } from './registry-import.js';
import { RegistryLogins, type StoredRegistryLogin } from './registry-logins.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const FAST = { N: 2 ** 14, r: 8, p: 1 };
const silent = { log: () => undefined, addSecret: () => undefined };

let dir: string;
let savedPath: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossdock-registry-import-'));
  savedPath = process.env.PATH;
  process.env.PATH = `${join(dir, 'bin')}:${savedPath ?? '/usr/bin:/bin'}`;
});
afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

async function loginsIn(): Promise<{ logins: RegistryLogins; vault: Vault; list: () => StoredRegistryLogin[] }> {
  const vault = createVault({ dataDir: dir, scrypt: FAST });
  await vault.initialize('correct horse battery staple');
  let list: StoredRegistryLogin[] = [];
  const logins = new RegistryLogins(vault, { load: () => list, update: (change) => void (list = change(list)) });
  return { logins, vault, list: () => list };
}

describe('docker config', () => {
  it('is found in $DOCKER_CONFIG, else under the home folder', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/etc/dc' }, '/home/x')).toBe('/etc/dc/config.json');
    expect(dockerConfigPath({ HOME: '/home/y' }, '/home/x')).toBe('/home/y/.docker/config.json');
    expect(dockerConfigPath({}, '/home/x')).toBe('/home/x/.docker/config.json');
  });

  it('reads auths (auth, username/password, identitytoken), credsStore and credHelpers', () => {
    const config = parseDockerConfig(
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('alice:pa:ss') },
          'reg.example.com:5000': { username: 'bob', password: 'pw' },
          'myacr.azurecr.io': { identitytoken: 'tok' },
          'ghcr.io': {},
        },
        credsStore: 'desktop',
        credHelpers: { 'gcr.io': 'gcloud', bad: 7 },
        HttpHeaders: { x: 'y' },
      }),
      'config.json',
    );
    expect(config.auths).toEqual([
      { server: 'https://index.docker.io/v1/', username: 'alice', password: 'pa:ss' },
      { server: 'reg.example.com:5000', username: 'bob', password: 'pw' },
      { server: 'myacr.azurecr.io', identityToken: 'tok' },
      { server: 'ghcr.io' },
    ]);
    expect(config.credsStore).toBe('desktop');
    expect(config.credHelpers).toEqual({ 'gcr.io': 'gcloud' });
  });

  it('names the file when it is not JSON', () => {
    expect(() => parseDockerConfig('{nope', '/x/config.json')).toThrow(/\/x\/config\.json is not valid JSON/);
  });
});

describe('credential helper protocol', () => {
  it('sends the server URL on stdin and reads Username and Secret', async () => {
    writeFakeCredentialHelper(join(dir, 'bin'), 'fake', [{ server: 'ghcr.io', username: 'octo', secret: 'ghp_1' }]);
    await expect(helperGet('fake', 'ghcr.io')).resolves.toEqual({ username: 'octo', secret: 'ghp_1' });
    await expect(helperList('fake')).resolves.toEqual({ 'ghcr.io': 'octo' });
    expect(readFileSync(join(dir, 'bin', 'calls.log'), 'utf8')).toBe('get ghcr.io\nlist\n');
  });

  it('says why a helper failed: missing, not found in its store, or a name that is a path', async () => {
    writeFakeCredentialHelper(join(dir, 'bin'), 'fake', []);
    await expect(helperGet('fake', 'nope.io')).rejects.toThrow(
      'docker-credential-fake get exited 1: credentials not found in native keychain',
    );
    await expect(helperGet('absent', 'x.io')).rejects.toThrow('docker-credential-absent is not on PATH');
    await expect(helperGet('../../bin/sh', 'x.io')).rejects.toThrow('is not a credential helper name');
  });
});

describe('importDockerLogins', () => {
  it('imports auths and helper logins as Docker ranks them, and says what it skipped', async () => {
    writeFakeCredentialHelper(join(dir, 'bin'), 'store', [
      { server: 'https://index.docker.io/v1/', username: 'hubuser', secret: 'hub-secret' },
      { server: 'listed-only.example.com', username: '<token>', secret: 'refresh-tok' },
    ]);
    writeFakeCredentialHelper(join(dir, 'bin'), 'gcloud', [
      { server: 'gcr.io', username: 'oauth2accesstoken', secret: 'ya29' },
    ]);
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': {},
          'reg.example.com:5000': { auth: b64('bob:bob-pw') },
          // credHelpers wins over an inline login for the same registry.
          'gcr.io': { auth: b64('stale:stale') },
          'missing.example.com': {},
          'not a host': { auth: b64('x:y') },
        },
        credsStore: 'store',
        credHelpers: { 'gcr.io': 'gcloud' },
      }),
    );
    const { logins, vault, list } = await loginsIn();
    const report = await importDockerLogins({ logins, configPath });
    expect(report.configPath).toBe(configPath);
    expect(report.imported.sort((a, b) => a.registry.localeCompare(b.registry))).toEqual([
      { registry: 'docker.io', username: 'hubuser', source: 'helper docker-credential-store' },
      { registry: 'gcr.io', username: 'oauth2accesstoken', source: 'helper docker-credential-gcloud' },
      { registry: 'listed-only.example.com', username: '<token>', source: 'helper docker-credential-store' },
      { registry: 'reg.example.com:5000', username: 'bob', source: 'auths' },
    ]);
    expect(report.skipped).toEqual([
      { server: 'not a host', reason: 'not a registry name' },
      {
        server: 'missing.example.com',
        reason: 'docker-credential-store get exited 1: credentials not found in native keychain',
      },
    ]);
    expect(
      list()
        .map((login) => login.registry)
        .sort(),
    ).toEqual(['docker.io', 'gcr.io', 'listed-only.example.com', 'reg.example.com:5000']);

    // What a pull would send, from the vault alone; the identity token as such.
    const auth = vaultRegistryAuth(vault, silent);
    await expect(auth('docker.io')).resolves.toEqual({
      username: 'hubuser',
      password: 'hub-secret',
      serveraddress: 'https://index.docker.io/v1/',
    });
    await expect(auth('reg.example.com:5000')).resolves.toEqual({
      username: 'bob',
      password: 'bob-pw',
      serveraddress: 'reg.example.com:5000',
    });
    await expect(auth('listed-only.example.com')).resolves.toEqual({
      username: '<token>',
      password: '',
      serveraddress: 'listed-only.example.com',
      identitytoken: 'refresh-tok',
    });
    await expect(auth('quay.io')).resolves.toBeNull();
    // Nothing secret in the plain list.
    expect(JSON.stringify(list())).not.toMatch(/hub-secret|bob-pw|refresh-tok|ya29/);
  });

  it('finds nothing to do without a config file, and stops at a locked vault', async () => {
    const { logins, vault } = await loginsIn();
    await expect(importDockerLogins({ logins, configPath: join(dir, 'none.json') })).resolves.toEqual({
      configPath: null,
      imported: [],
      skipped: [],
    });
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ auths: { 'ghcr.io': { auth: b64('u:p') } } }));
    vault.lock();
    await expect(importDockerLogins({ logins, configPath })).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });
});

describe('RegistryLogins', () => {
  it('replaces a login, removes it with its secret, and keeps a locked vault from leaking it', async () => {
    const { logins, vault, list } = await loginsIn();
    logins.save({ registry: 'https://Index.docker.io/v1/', username: 'a', secret: 's1', kind: 'password' });
    logins.save({ registry: 'docker.io', username: 'b', secret: 's2', kind: 'password' });
    expect(list().map((login) => [login.registry, login.username])).toEqual([['docker.io', 'b']]);
    expect(logins.credentials('registry-1.docker.io')).toMatchObject({ username: 'b', secret: 's2' });
    vault.lock();
    expect(() => logins.credentials('docker.io')).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    await expect(vaultRegistryAuth(vault, silent)('docker.io')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(logins.credentials('ghcr.io')).toBeNull();
    await vault.unlock('correct horse battery staple');
    logins.remove('index.docker.io');
    expect(list()).toEqual([]);
    expect(vault.has('registry:docker.io')).toBe(false);
    expect(() => logins.remove('docker.io')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
