// The rig itself: its machines answer real SSH with the test key, are distinct hosts, give the
// non-root user sudo, and present the host keys they really hold.
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { machineHostKeyFingerprint, sha256Fingerprint } from '../rig/host-key.js';
import type { RigMachine } from '../rig/rig-info.js';

const rig = inject('rig');
const privateKey = readFileSync(rig.keyPath);

interface ExecResult {
  stdout: string;
  code: number | null;
}

/**
 * Runs one command over SSH, accepting only the host key whose fingerprint is `pinned`
 * (never leave hostVerifier unset: ssh2 would then accept any key).
 */
function sshExec(machine: RigMachine, user: string, command: string, pinned: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) {
            client.end();
            reject(error);
            return;
          }
          let stdout = '';
          let stderr = '';
          stream.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          stream.on('close', (code: number | null) => {
            client.end();
            // Kept in the result so an unexpected warning fails the equality checks below.
            if (stderr) stdout += `\n[stderr] ${stderr}`;
            resolve({ stdout, code });
          });
        });
      })
      .on('error', reject)
      .connect({
        host: machine.address,
        port: machine.port,
        username: user,
        privateKey,
        readyTimeout: 10_000,
        // Only ed25519, so the key offered is the one whose fingerprint was read out of band.
        algorithms: { serverHostKey: ['ssh-ed25519'] },
        hostVerifier: (key: Buffer) => sha256Fingerprint(key) === pinned,
      });
  });
}

describe('test rig', () => {
  const machines = rig.machines.slice(0, 2);
  const fingerprints = new Map<string, string>();

  beforeAll(async () => {
    expect(machines).toHaveLength(2);
    // Read fresh every run: machines are reused, and a test may have regenerated their keys.
    for (const machine of machines) {
      fingerprints.set(machine.name, await machineHostKeyFingerprint(machine.name));
    }
  });

  it('gives each machine its own host key', () => {
    const [first, second] = machines.map((m) => fingerprints.get(m.name));
    expect(first).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(first).not.toBe(second);
  });

  it.each(machines.map((m) => [m.name, m] as const))(
    '%s: tester logs in with the key and has passwordless sudo',
    async (_name, machine) => {
      const pinned = fingerprints.get(machine.name)!;
      const result = await sshExec(machine, 'tester', 'cat /etc/hostname; id -un; sudo -n id -un', pinned);
      expect(result).toEqual({ stdout: `${machine.name}\ntester\nroot\n`, code: 0 });
    },
  );

  it('root logs in with the key', async () => {
    const machine = machines[0]!;
    const result = await sshExec(machine, 'root', 'id -u', fingerprints.get(machine.name)!);
    expect(result).toEqual({ stdout: '0\n', code: 0 });
  });

  it('refuses a machine whose host key is not the pinned one', async () => {
    const [first, second] = machines as [RigMachine, RigMachine];
    // Machine 1 pinned to machine 2's fingerprint: a stand-in for a changed or spoofed host key.
    const wrongPin = fingerprints.get(second.name)!;
    await expect(sshExec(first, 'tester', 'true', wrongPin)).rejects.toThrow(/Host denied \(verification failed\)/);
  });
});
