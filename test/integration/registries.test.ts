// Registry logins as a user makes them: the real `crossdock registry …` in a fresh Node process
// per command, against real registries (Debian's docker-registry) started here on loopback — TLS
// with a CA made for the test, plain HTTP, and the token flow with a token server of the test's
// own. The CA reaches the CLI through NODE_EXTRA_CA_CERTS, as a user with a private CA would give
// it: Node reads it at start-up, so it needs a child process, which is what the test runs anyway
// (an undici Agent would have meant a test-only hook in product code). No rig machine is touched.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegistryImportReport, RegistryLoginInfo } from '../../shared/index.js';
import { randomBytes } from 'node:crypto';
import { writeFakeCredentialHelper } from '../../electron/core/registries/fake-credential-helper.js';
import { vaultRegistryAuth, type RegistryAuth } from '../../electron/core/registries/registry-auth.js';
import { dockerodeOnSocket } from '../../electron/core/docker/dockerode-options.js';
import { DEFAULT_DOCKER_SOCKET } from '../../electron/core/docker/docker-transport.js';
import { createFileLogger } from '../../electron/core/log/logger.js';
import { createVault } from '../../electron/core/vault/index.js';
import {
  freePort,
  issueCert,
  makeCa,
  makeHtpasswd,
  startRegistry,
  startTokenServer,
  type RunningRegistry,
} from './local-registry.js';

// Every command is a fresh Node process that unlocks the vault (scrypt) on a busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const USER = 'crossdock-tester';
const RUN = randomBytes(3).toString('hex');
const PASSPHRASE = 'registry-test-passphrase';
/** Built by the rig on the local engine (test/rig/rig.sh), about 2 MB. */
const TINY_IMAGE = 'crossdock-test-tiny:latest';
const PASSWORD = 'S3cret-registry-pw!';
let work: string;
let home: string;
let caPath: string;
let tlsRegistry: RunningRegistry;
let plainRegistry: RunningRegistry;
let tokenRegistry: RunningRegistry;
let tokenServer: Awaited<ReturnType<typeof startTokenServer>>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `crossdock` bin with the test's data folder, vault passphrase, CA and Docker config. */
function crossdock(args: string[], stdin = '', env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
      env: {
        ...process.env,
        CROSSDOCK_HOME: home,
        CROSSDOCK_PASSPHRASE: PASSPHRASE,
        NODE_EXTRA_CA_CERTS: caPath,
        DOCKER_CONFIG: join(work, 'docker-config'),
        PATH: `${join(work, 'helpers')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function ok(args: string[], stdin = '', env: Record<string, string> = {}): Promise<string> {
  const run = await crossdock(args, stdin, env);
  if (run.code !== 0) throw new Error(`crossdock ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

async function fails(args: string[], stdin = '', env: Record<string, string> = {}): Promise<string> {
  const run = await crossdock(args, stdin, env);
  expect(run.code, `crossdock ${args.join(' ')} should fail; it printed ${run.stdout}`).not.toBe(0);
  return run.stderr;
}

const logins = async (): Promise<RegistryLoginInfo[]> => JSON.parse(await ok(['registry', 'ls', '--json']));

/** Every file of the data folder but the (encrypted) vault, as text. */
function plainFilesOf(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) text += plainFilesOf(path);
    else if (name !== 'vault.json') text += readFileSync(path, 'utf8');
  }
  return text;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crossdock-registries-'));
  home = join(work, 'home');
  mkdirSync(home);
  const ca = makeCa(work);
  caPath = ca.certPath;
  const htpasswd = makeHtpasswd(work, USER, PASSWORD);
  const serverCert = issueCert(ca, work, 'registry');
  const signingCert = issueCert(ca, work, 'token-signer');
  tlsRegistry = await startRegistry({
    dir: join(work, 'tls'),
    auth: { kind: 'htpasswd', path: htpasswd },
    tls: serverCert,
  });
  plainRegistry = await startRegistry({ dir: join(work, 'plain'), auth: { kind: 'htpasswd', path: htpasswd } });
  const service = 'crossdock-test-registry';
  const issuer = 'crossdock-test-issuer';
  tokenServer = await startTokenServer({ username: USER, password: PASSWORD, service, issuer, signing: signingCert });
  tokenRegistry = await startRegistry({
    dir: join(work, 'token'),
    auth: { kind: 'token', realm: tokenServer.realm, service, issuer, rootCertBundle: ca.certPath },
  });
});

afterAll(async () => {
  await Promise.all([tlsRegistry?.stop(), plainRegistry?.stop(), tokenRegistry?.stop(), tokenServer?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('crossdock registry', () => {
  it('logs in to a TLS registry with htpasswd auth, checking first, and keeps the password only in the vault', async () => {
    const out = await ok(['registry', 'login', tlsRegistry.name, '-u', USER, '--password-stdin'], `${PASSWORD}\n`);
    expect(out).toContain(`Checked and saved the login of ${USER} for ${tlsRegistry.name}`);
    expect(await logins()).toEqual([{ registry: tlsRegistry.name, username: USER, savedAt: expect.any(String) }]);
    expect(await ok(['registry', 'test', tlsRegistry.name])).toContain(
      `The login for ${tlsRegistry.name} works (Basic auth at https://${tlsRegistry.name}/v2/)`,
    );
    expect(await ok(['registry', 'ls'])).toMatch(new RegExp(`${tlsRegistry.name.replace('.', '\\.')}\\s+${USER}`));
    expect(plainFilesOf(home)).not.toContain(PASSWORD);
  });

  it('refuses a wrong password with REGISTRY_AUTH_FAILED and saves nothing', async () => {
    const before = await logins();
    const stderr = await fails(
      ['registry', 'login', `https://${plainRegistry.name}/v2/`, '-u', USER, '--password-stdin'],
      'wrong-password',
    );
    expect(stderr).toContain(`The registry ${plainRegistry.name} refused the login of ${USER}`);
    expect(stderr).toContain('(REGISTRY_AUTH_FAILED)');
    expect(await logins()).toEqual(before);
    expect(plainFilesOf(home)).not.toContain('wrong-password');
  });

  it('logs in to a plain-HTTP registry on loopback, as Docker allows there', async () => {
    await ok(['registry', 'login', plainRegistry.name, '--username', USER, '--password-stdin'], PASSWORD);
    expect(await ok(['registry', 'test', plainRegistry.name])).toContain(
      `(Basic auth at http://${plainRegistry.name}/v2/)`,
    );
  });

  it('gives a push and a pull the auth a real Docker engine accepts, from the vault alone', async () => {
    // The local engine reaches the plain-HTTP registry on loopback: Docker treats 127.0.0.0/8 as
    // an insecure registry by default, so no certificate has to be installed on this machine.
    const vault = createVault({ dataDir: home });
    await vault.unlock(PASSPHRASE);
    const logDir = join(work, 'auth-log');
    const auth = await vaultRegistryAuth(vault, createFileLogger(logDir))(plainRegistry.name);
    expect(auth).toEqual({ username: USER, password: PASSWORD, serveraddress: plainRegistry.name });
    const docker = dockerodeOnSocket(DEFAULT_DOCKER_SOCKET);
    const repo = `${plainRegistry.name}/crossdock-test/tiny`;
    const ref = `${repo}:${RUN}`;
    /** The engine's progress lines; an `error` line is how a refused push or pull ends. */
    const run = async (stream: NodeJS.ReadableStream): Promise<string | null> => {
      let text = '';
      for await (const chunk of stream) text += chunk.toString();
      const failed = text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { error?: string })
        .find((line) => line.error);
      return failed?.error ?? null;
    };
    const pull = async (credentials: RegistryAuth): Promise<string | null> => {
      try {
        return await run(await docker.pull(ref, { authconfig: credentials }));
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    await docker.getImage(TINY_IMAGE).tag({ repo, tag: RUN });
    try {
      expect(await run(await docker.getImage(ref).push({ authconfig: auth! }))).toBeNull();
      await docker.getImage(ref).remove();
      expect(await pull({ ...auth!, password: 'not-the-password' })).toMatch(/unauthorized|authentication required/i);
      expect(await pull(auth!)).toBeNull();
      expect((await docker.getImage(ref).inspect()).RepoTags).toContain(ref);
    } finally {
      await docker
        .getImage(ref)
        .remove()
        .catch(() => undefined);
    }
    expect(plainFilesOf(logDir)).not.toContain(PASSWORD);
  });

  it('follows the token flow: the token server gets the login, the registry the token', async () => {
    const wrong = await fails(['registry', 'login', tokenRegistry.name, '-u', USER, '--password-stdin'], 'nope');
    expect(wrong).toContain('(REGISTRY_AUTH_FAILED)');
    await ok(['registry', 'login', tokenRegistry.name, '-u', USER, '--password-stdin'], PASSWORD);
    expect(await ok(['registry', 'test', tokenRegistry.name])).toContain(
      `(token flow at http://${tokenRegistry.name}/v2/)`,
    );
    expect(tokenServer.requests).toContain(`GET /token?service=crossdock-test-registry&account=${USER}`);
  });

  it('says REGISTRY_UNREACHABLE for a closed port and for a certificate this computer does not trust', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const refused = await fails(['registry', 'login', closed, '-u', USER, '--password-stdin'], PASSWORD);
    expect(refused).toContain(`Could not reach the registry ${closed}`);
    expect(refused).toContain('ECONNREFUSED');
    expect(refused).toContain('(REGISTRY_UNREACHABLE)');
    const untrusted = await fails(['registry', 'test', tlsRegistry.name], '', { NODE_EXTRA_CA_CERTS: '' });
    expect(untrusted).toContain(`Could not reach the registry ${tlsRegistry.name}`);
    expect(untrusted).toMatch(/certificate/i);
    expect(untrusted).toContain('(REGISTRY_UNREACHABLE)');
    // Saved unchecked on request, then found unreachable by test.
    await ok(['registry', 'login', closed, '-u', USER, '--password-stdin', '--no-verify'], PASSWORD);
    expect(await fails(['registry', 'test', closed])).toContain('(REGISTRY_UNREACHABLE)');
    await ok(['registry', 'rm', closed]);
  });

  it('imports the Docker client logins (auths and a credential helper) and they work', async () => {
    for (const registry of [tlsRegistry.name, plainRegistry.name, tokenRegistry.name])
      await ok(['registry', 'rm', registry]);
    expect(await logins()).toEqual([]);
    writeFakeCredentialHelper(join(work, 'helpers'), 'crossdock-test', [
      { server: `https://${tlsRegistry.name}`, username: USER, secret: PASSWORD },
      { server: tokenRegistry.name, username: USER, secret: PASSWORD },
    ]);
    mkdirSync(join(work, 'docker-config'), { recursive: true });
    writeFileSync(
      join(work, 'docker-config', 'config.json'),
      JSON.stringify({
        auths: {
          [plainRegistry.name]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') },
          [`https://${tlsRegistry.name}`]: {},
          'forgotten.example.com': {},
        },
        credsStore: 'crossdock-test',
      }),
    );
    const report: RegistryImportReport = JSON.parse(await ok(['registry', 'import', '--json']));
    expect(report.imported.map((entry) => [entry.registry, entry.source]).sort()).toEqual(
      [
        [plainRegistry.name, 'auths'],
        [tlsRegistry.name, 'helper docker-credential-crossdock-test'],
        [tokenRegistry.name, 'helper docker-credential-crossdock-test'],
      ].sort(),
    );
    expect(report.skipped).toEqual([
      {
        server: 'forgotten.example.com',
        reason: 'docker-credential-crossdock-test get exited 1: credentials not found in native keychain',
      },
    ]);
    const calls = readFileSync(join(work, 'helpers', 'calls.log'), 'utf8');
    expect(calls).toContain(`get https://${tlsRegistry.name}\n`);
    expect(calls).toContain('list\n');
    for (const registry of [tlsRegistry.name, plainRegistry.name, tokenRegistry.name])
      expect(await ok(['registry', 'test', registry])).toContain(`The login for ${registry} works`);
    const human = await ok(['registry', 'import']);
    expect(human).toContain('3 imported, 1 skipped');
    expect(plainFilesOf(home)).not.toContain(PASSWORD);
  });

  it('removes a login and says so when there is none', async () => {
    await ok(['registry', 'rm', `https://${plainRegistry.name}`]);
    expect((await logins()).map((login) => login.registry)).not.toContain(plainRegistry.name);
    expect(await fails(['registry', 'rm', plainRegistry.name])).toContain(
      `There is no saved login for ${plainRegistry.name}; "crossdock registry login ${plainRegistry.name}" saves one (NOT_FOUND)`,
    );
  });
});
