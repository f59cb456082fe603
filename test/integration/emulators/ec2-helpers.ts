// Helpers for the EC2 emulator test: an SSH command over a pinned host key (test/rig/pinned-ssh.ts), the emulator's
// containers as Docker sees them, and the fingerprint block of a cloud-init console.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { runPinned } from '../../rig/pinned-ssh.js';

const run = promisify(execFile);

/** A fresh ed25519 key pair made by ssh-keygen in a temp dir. */
export async function makeKeyPair(): Promise<{ privateKey: Buffer; publicKey: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'crossdock-ec2-key-'));
  const path = join(dir, 'id_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'crossdock-ec2-test', '-f', path]);
  return { privateKey: await readFile(path), publicKey: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

/** Runs a command as root over SSH, accepting only the host key with the given fingerprint. */
export function sshRun(address: string, privateKey: Buffer, pinned: string, command: string): Promise<string> {
  // Only ed25519, so the key offered is the one whose fingerprint was pinned.
  return runPinned(
    { host: address, username: 'root', privateKey, pinned, hostKeyAlgorithms: ['ssh-ed25519'] },
    command,
  );
}

/** The Docker engine the emulator uses. */
export const docker = new Docker({ socketPath: '/var/run/docker.sock' });

/** Docker's state of an instance's container ("running", "exited"), or null when it is gone. */
export async function containerState(instanceId: string): Promise<string | null> {
  const found = await docker.listContainers({
    all: true,
    filters: { label: [`crossdock.emulator.instance-id=${instanceId}`] },
  });
  return found[0]?.State ?? null;
}

/** The ED25519 line of cloud-init's fingerprint block, as "SHA256:…". */
export function consoleEd25519Fingerprint(console: string): string | undefined {
  const block =
    /-----BEGIN SSH HOST KEY FINGERPRINTS-----([\s\S]*?)-----END SSH HOST KEY FINGERPRINTS-----/.exec(console)?.[1] ??
    '';
  return /(SHA256:\S+) .*\(ED25519\)/.exec(block)?.[1];
}

/** The public key lines of cloud-init's key block. */
export function consoleHostKeys(console: string): string[] {
  const block = /-----BEGIN SSH HOST KEY KEYS-----\n([\s\S]*?)-----END SSH HOST KEY KEYS-----/.exec(console)?.[1] ?? '';
  return block.trim().split('\n');
}
