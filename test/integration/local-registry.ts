// A real registry for tests, on this computer's loopback: Debian's `docker-registry` (the CNCF
// distribution registry 2.8), started by the test itself from a config in a temporary folder,
// with htpasswd auth (`htpasswd -B`, as the registry requires bcrypt), and TLS from a CA made
// here with openssl, or the token flow with a token server of the test's own.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createSign, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface TestCa {
  /** PEM file of the CA certificate, for NODE_EXTRA_CA_CERTS or the registry's token bundle. */
  certPath: string;
  keyPath: string;
}

/** A CA, made with openssl in `dir`. */
export function makeCa(dir: string): TestCa {
  const certPath = join(dir, 'ca.crt');
  const keyPath = join(dir, 'ca.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=crossdock-test-ca',
    ],
    { stdio: 'ignore' },
  );
  return { certPath, keyPath };
}

/** A leaf certificate signed by `ca`, valid for 127.0.0.1 and localhost. */
export function issueCert(ca: TestCa, dir: string, name: string): { certPath: string; keyPath: string } {
  const keyPath = join(dir, `${name}.key`);
  const csrPath = join(dir, `${name}.csr`);
  const certPath = join(dir, `${name}.crt`);
  const extPath = join(dir, `${name}.ext`);
  writeFileSync(extPath, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  execFileSync(
    'openssl',
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', csrPath, '-subj', `/CN=${name}`],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csrPath,
      '-CA',
      ca.certPath,
      '-CAkey',
      ca.keyPath,
      '-CAcreateserial',
      '-out',
      certPath,
      '-days',
      '2',
      '-extfile',
      extPath,
    ],
    { stdio: 'ignore' },
  );
  return { certPath, keyPath };
}

/** An htpasswd file (bcrypt) with one user, made by apache2-utils' htpasswd. */
export function makeHtpasswd(dir: string, username: string, password: string): string {
  const path = join(dir, 'htpasswd');
  writeFileSync(path, execFileSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' }));
  return path;
}

/** A port nothing listens on at the moment (listen on 0, note it, close). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export type RegistryAuthConfig =
  | { kind: 'htpasswd'; path: string }
  | { kind: 'token'; realm: string; service: string; issuer: string; rootCertBundle: string };

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, the registry's name as a client writes it. */
  name: string;
  stop(): Promise<void>;
  /** What the registry printed, for a failing test's message. */
  output(): string;
}

/** Starts `docker-registry serve` on 127.0.0.1 with its own config and storage in `dir`; waits until it listens. */
export async function startRegistry(options: {
  dir: string;
  auth: RegistryAuthConfig;
  tls?: { certPath: string; keyPath: string };
}): Promise<RunningRegistry> {
  mkdirSync(join(options.dir, 'storage'), { recursive: true });
  const port = await freePort();
  const auth =
    options.auth.kind === 'htpasswd'
      ? `  htpasswd:\n    realm: crossdock-test\n    path: ${options.auth.path}\n`
      : `  token:\n    realm: ${options.auth.realm}\n    service: ${options.auth.service}\n    issuer: ${options.auth.issuer}\n    rootcertbundle: ${options.auth.rootCertBundle}\n`;
  const tls = options.tls ? `  tls:\n    certificate: ${options.tls.certPath}\n    key: ${options.tls.keyPath}\n` : '';
  const configPath = join(options.dir, 'config.yml');
  writeFileSync(
    configPath,
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(options.dir, 'storage')}\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: crossdock-test-secret\n${tls}auth:\n${auth}`,
  );
  // The registry reads REGISTRY_* variables as config overrides: give it none of the caller's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('REGISTRY_')));
  const child: ChildProcess = spawn('docker-registry', ['serve', configPath], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited ${child.exitCode}: ${output}`);
    if (await listening(port)) break;
    if (Date.now() > deadline) throw new Error(`docker-registry did not listen on ${port} in 20 s: ${output}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    name: `127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * A token server as the distribution token spec has it, small enough to read: `GET /token` with
 * Basic auth answers `{token}`, a JWT signed RS256 by a key whose certificate (issued by the
 * registry's trusted CA) rides in the header's `x5c`. Wrong credentials get 401.
 */
export async function startTokenServer(options: {
  username: string;
  password: string;
  service: string;
  issuer: string;
  signing: { certPath: string; keyPath: string };
}): Promise<{ realm: string; requests: string[]; close(): Promise<void> }> {
  const certDer = new X509Certificate(readFileSync(options.signing.certPath)).raw.toString('base64');
  const key = readFileSync(options.signing.keyPath, 'utf8');
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const requests: string[] = [];
  const server: Server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname !== '/token' || req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certDer] }));
    const claims = b64url(
      JSON.stringify({
        iss: options.issuer,
        sub: options.username,
        aud: options.service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: `${now}-${Math.random()}`,
        access: [],
      }),
    );
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
    const token = `${header}.${claims}.${b64url(signature)}`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
