import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { emulatorLabel, ownerLabel } from '../orphans.js';

/** Where and how the emulator makes its machines (defaults: the rig's network and image). */
export interface MachineOptions {
  docker: Docker;
  image: string;
  network: string;
  /** Label value that marks this emulator's containers, for clean-up. */
  owner: string;
}

/** One host key as cloud-init prints it: `ssh-keygen -l` line and the public key line. */
export interface HostKey {
  fingerprintLine: string;
  publicKeyLine: string;
}

// The rig's machine image trusts the rig key for root and tester. An EC2 instance trusts only
// the key pair it was launched with, so replace root's authorized_keys and drop tester's before
// the image's own start script runs. Done in the command (not the image) so rig machines and
// the image stay exactly as rig.sh builds them.
const startScript = [
  'set -eu',
  'umask 077',
  'mkdir -p /root/.ssh',
  'printf "%s\\n" "$CROSSDOCK_AUTHORIZED_KEY" > /root/.ssh/authorized_keys',
  'rm -f /home/tester/.ssh/authorized_keys',
  // cloud-init's ssh_keys module: the user data's host key, before sshd (and ssh-keygen -A) start.
  'if [ -n "${CROSSDOCK_HOST_KEY_SCRIPT:-}" ]; then sh -c "$CROSSDOCK_HOST_KEY_SCRIPT"; fi',
  'exec /usr/local/sbin/crossdock-start-sshd',
].join('\n');

/** Creates and starts a machine container at a fixed address; returns its container id. */
export async function createMachine(
  options: MachineOptions,
  spec: {
    name: string;
    hostname: string;
    address: string;
    authorizedKey: string;
    instanceId: string;
    /** A script installing the user data's host key (cloud-init-host-key.ts), if it has one. */
    hostKeyScript?: string | undefined;
  },
): Promise<string> {
  // @types/dockerode predates CgroupnsMode; the Engine API has it since 1.41.
  const hostConfig: Docker.HostConfig & { CgroupnsMode: 'host' | 'private' } = {
    // The rig's run options (test/rig/README.md): --privileged fails in this sandbox.
    CapAdd: ['ALL'],
    CapDrop: ['SYS_RESOURCE'],
    SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
    CgroupnsMode: 'host',
    Binds: ['/sys/fs/cgroup:/sys/fs/cgroup:rw'],
    Tmpfs: { '/run': '', '/tmp': '' },
    NetworkMode: options.network,
  };
  const container = await options.docker.createContainer({
    name: spec.name,
    Hostname: spec.hostname,
    Image: options.image,
    Cmd: ['/bin/sh', '-c', startScript],
    Env: [
      `CROSSDOCK_AUTHORIZED_KEY=${spec.authorizedKey}`,
      ...(spec.hostKeyScript ? [`CROSSDOCK_HOST_KEY_SCRIPT=${spec.hostKeyScript}`] : []),
    ],
    Labels: { [emulatorLabel]: 'ec2', [ownerLabel]: options.owner, 'crossdock.emulator.instance-id': spec.instanceId },
    HostConfig: hostConfig,
    NetworkingConfig: { EndpointsConfig: { [options.network]: { IPAMConfig: { IPv4Address: spec.address } } } },
  });
  await container.start();
  return container.id;
}

/** Addresses already taken on the network (by any container), so allocation skips them. */
export async function usedAddresses(options: MachineOptions): Promise<Set<string>> {
  const info = (await options.docker.getNetwork(options.network).inspect()) as {
    Containers?: Record<string, { IPv4Address?: string }>;
  };
  return new Set(Object.values(info.Containers ?? {}).map((c) => (c.IPv4Address ?? '').split('/')[0] ?? ''));
}

/** Resolves once something at address:22 sends an SSH banner, like EC2's status turning "running". */
export async function waitForSsh(address: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted) {
    if (await sshBanner(address)) return;
    if (Date.now() > deadline) throw new Error(`sshd at ${address} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function sshBanner(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 22, timeout: 1000 });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', (chunk: Buffer) => done(chunk.toString('latin1').startsWith('SSH-')));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Runs a command in a machine and returns its stdout (throws on a non-zero exit). */
export async function execInMachine(docker: Docker, containerId: string, cmd: string[]): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stderr.on('data', (c: Buffer) => errors.push(c));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) {
    throw new Error(`${cmd.join(' ')} exited ${String(ExitCode)}: ${Buffer.concat(errors).toString('utf8')}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The machine's real host keys, read from its disk (what cloud-init would print). */
export async function readHostKeys(docker: Docker, containerId: string): Promise<HostKey[]> {
  const script = 'for f in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf "$f"; cat "$f"; done';
  const lines = (await execInMachine(docker, containerId, ['/bin/sh', '-c', script])).trim().split('\n');
  const keys: HostKey[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    keys.push({ fingerprintLine: lines[i] ?? '', publicKeyLine: lines[i + 1] ?? '' });
  }
  return keys;
}
