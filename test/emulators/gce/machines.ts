import { connect } from 'node:net';
import Docker from 'dockerode';
import { emulatorLabel, newOwner, ownerLabel, removeOrphans, type EmulatorKind } from '../orphans.js';

/** Rig facts (test/rig/README.md): image, network, and the address range kept for this emulator. */
export const machineImage = 'crossdock-test-machine:latest';
export const rigNetwork = 'crossdock-test';
const firstAddress = 170;
const lastAddress = 189;

/** An SSH public key granted through the `ssh-keys` metadata item. */
export interface GrantedKey {
  user: string;
  key: string;
}

/**
 * The Docker side of an instance: one rig machine (a container answering real SSH) per
 * instance, with the rig's run options. Everything made here carries the label
 * `crossdock.emulator=gce` and the emulator's own id, so close() removes exactly its own.
 */
export class Machines {
  private readonly docker = new Docker({ socketPath: '/var/run/docker.sock' });
  private readonly taken = new Set<string>();
  private readonly owner = newOwner();

  /** `pool`: another emulator's kind label and address range (Hetzner .190–.199, DigitalOcean .200–.209). */
  constructor(
    private readonly emulatorId: string,
    private readonly pool: { kind: EmulatorKind; first: number; last: number } = {
      kind: 'gce',
      first: firstAddress,
      last: lastAddress,
    },
  ) {}

  /** Removes what killed emulators left (their containers hold names and addresses otherwise). */
  async removeOrphans(): Promise<void> {
    await removeOrphans(this.docker, this.pool.kind);
  }

  /** Picks a free address in the pool (.170–.189 for GCE), skipping ones any container on the network holds. */
  async allocateAddress(): Promise<string> {
    const network = (await this.docker.getNetwork(rigNetwork).inspect()) as {
      Containers?: Record<string, { IPv4Address: string }>;
    };
    const used = new Set(Object.values(network.Containers ?? {}).map((c) => c.IPv4Address.split('/')[0]));
    for (let host = this.pool.first; host <= this.pool.last; host++) {
      const address = `10.213.0.${host}`;
      if (!used.has(address) && !this.taken.has(address)) {
        this.taken.add(address);
        return address;
      }
    }
    throw new Error(`no free address in 10.213.0.${this.pool.first}-${this.pool.last} (resource pool exhausted)`);
  }

  /** Creates and starts the machine; the caller waits for sshd with {@link waitForSsh}. */
  async create(containerName: string, hostname: string, address: string): Promise<void> {
    // The rig's run options; --privileged fails in this sandbox (no CAP_SYS_RESOURCE).
    // @types/dockerode lacks CgroupnsMode (Engine API 1.41+), hence the widened type.
    const hostConfig: Docker.HostConfig & { CgroupnsMode: 'host' | 'private' } = {
      CapAdd: ['ALL'],
      CapDrop: ['SYS_RESOURCE'],
      SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
      CgroupnsMode: 'host',
      Binds: ['/sys/fs/cgroup:/sys/fs/cgroup:rw'],
      Tmpfs: { '/run': '', '/tmp': '' },
    };
    const container = await this.docker.createContainer({
      name: containerName,
      Image: machineImage,
      Hostname: hostname,
      Labels: { [emulatorLabel]: this.pool.kind, [ownerLabel]: this.owner, 'crossdock.emulator.id': this.emulatorId },
      HostConfig: hostConfig,
      NetworkingConfig: { EndpointsConfig: { [rigNetwork]: { IPAMConfig: { IPv4Address: address } } } },
    });
    await container.start();
  }

  async start(containerName: string): Promise<void> {
    await this.docker.getContainer(containerName).start();
  }

  async stop(containerName: string): Promise<void> {
    await this.docker.getContainer(containerName).stop({ t: 5 });
  }

  async remove(containerName: string, address?: string): Promise<void> {
    await this.docker.getContainer(containerName).remove({ force: true, v: true });
    if (address) this.taken.delete(address);
  }

  /** Runs a command in the machine as root and returns its stdout; non-zero exit throws. */
  async exec(containerName: string, command: string[]): Promise<string> {
    const execution = await this.docker
      .getContainer(containerName)
      .exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await execution.start({});
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const sink = (target: Buffer[]) => ({ write: (chunk: Buffer) => target.push(chunk) });
      this.docker.modem.demuxStream(
        stream,
        sink(stdout) as unknown as NodeJS.WritableStream,
        sink(stderr) as unknown as NodeJS.WritableStream,
      );
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    const { ExitCode } = await execution.inspect();
    if (ExitCode !== 0)
      throw new Error(`${command.join(' ')} exited ${String(ExitCode)}: ${Buffer.concat(stderr).toString()}`);
    return Buffer.concat(stdout).toString();
  }

  /**
   * Makes `ssh-keys` true inside the machine, as Google's guest agent does: each named user
   * exists (with passwordless sudo, like the agent's google-sudoers group) and has exactly the
   * listed keys. Root and the rig's own user lose the rig key, so only metadata decides logins.
   */
  async grantKeys(containerName: string, keys: GrantedKey[]): Promise<void> {
    const byUser = new Map<string, string[]>();
    for (const { user, key } of keys) byUser.set(user, [...(byUser.get(user) ?? []), key]);
    const lines = [
      'set -eu',
      ': > /root/.ssh/authorized_keys',
      '[ -f /home/tester/.ssh/authorized_keys ] && : > /home/tester/.ssh/authorized_keys || true',
    ];
    for (const [user, userKeys] of byUser) {
      const home = user === 'root' ? '/root' : `/home/${user}`;
      if (user !== 'root') {
        lines.push(
          `id -u ${user} >/dev/null 2>&1 || { useradd --create-home --shell /bin/bash ${user} && usermod --password '*' ${user}; }`,
          `echo '${user} ALL=(ALL:ALL) NOPASSWD:ALL' > /etc/sudoers.d/google-${user} && chmod 0440 /etc/sudoers.d/google-${user}`,
        );
      }
      lines.push(
        `install -d -m 0700 -o ${user} -g ${user} ${home}/.ssh`,
        `printf '%s\\n' ${userKeys.map(shellQuote).join(' ')} > ${home}/.ssh/authorized_keys`,
        `chown ${user}:${user} ${home}/.ssh/authorized_keys && chmod 0600 ${home}/.ssh/authorized_keys`,
      );
    }
    await this.exec(containerName, ['sh', '-c', lines.join('\n')]);
  }

  /** The machine's host public keys, read from its disk (what the guest agent prints). */
  async hostKeys(containerName: string): Promise<string[]> {
    const output = await this.exec(containerName, ['sh', '-c', 'cat /etc/ssh/ssh_host_*_key.pub']);
    return output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  }

  /** Resolves once sshd at `address` sends its banner; the machine is "booted" then. */
  async waitForSsh(address: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await sshAnswers(address)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`sshd at ${address} did not answer within ${timeoutMs} ms`);
  }

  /** Removes every container this emulator made (running or not). */
  async removeAll(): Promise<void> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`crossdock.emulator.id=${this.emulatorId}`] },
    });
    await Promise.all(containers.map((c) => this.docker.getContainer(c.Id).remove({ force: true, v: true })));
    this.taken.clear();
  }
}

function sshAnswers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 22, timeout: 1000 });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('data', (chunk: Buffer) => done(chunk.toString('latin1').startsWith('SSH-')));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Single-quotes for sh. Keys were validated before, this keeps odd comments harmless too. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
