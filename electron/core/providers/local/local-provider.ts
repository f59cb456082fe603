import type Dockerode from 'dockerode';
import { CrossdockError } from '../../../../shared/index.js';
import { DockerFrameSplitter } from '../../containers/docker-frames.js';
import type { MachineSpec, MachineState, OsFamily, Provider, ProviderMachine, SizeOffer } from '../provider.js';
import { ensureSandboxImage } from './sandbox-image.js';

export interface LocalProviderOptions {
  /** The provider's name in messages. */
  name: string;
  /** The local engine (dockerode on its UNIX socket). */
  docker: Dockerode;
  /** The user-defined bridge network where every sandbox machine gets its own address. */
  network?: string;
  log?: (line: string) => void;
}

const MANAGED = 'crossdock';
const NAME_LABEL = 'crossdock.sandbox.name';
const OS_LABEL = 'crossdock.os';
const TYPE_LABEL = 'crossdock.size';

/** Sandbox sizes mirror the normalised ones; limits are capped at what this computer has. */
const SIZES: SizeOffer[] = [
  { type: 'sandbox-small', vcpus: 2, memoryGiB: 2, arch: 'amd64', hourlyPriceUsd: 0, normalized: 'small' },
  { type: 'sandbox-medium', vcpus: 2, memoryGiB: 8, arch: 'amd64', hourlyPriceUsd: 0, normalized: 'medium' },
  { type: 'sandbox-large', vcpus: 8, memoryGiB: 32, arch: 'amd64', hourlyPriceUsd: 0, normalized: 'large' },
];

// The system-container options that let sshd and a nested Docker engine run (see the design
// brief): every capability but SYS_RESOURCE, the host's cgroups, tmpfs /run and /tmp.
type SandboxHostConfig = Dockerode.HostConfig & { CgroupnsMode: 'host' };

function ignoreNotModified(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 304) throw error;
}

function stateOf(status: string | undefined): MachineState {
  switch (status) {
    case 'running':
      return 'running';
    case 'created':
    case 'restarting':
      return 'pending';
    case 'exited':
    case 'paused':
      return 'stopped';
    case 'removing':
    case 'dead':
      return 'terminated';
    default:
      return 'unknown';
  }
}

/**
 * The local sandbox: machines are system containers on this computer's Docker engine. It needs
 * no account, so it is the default provider and the first-run path.
 */
export function createLocalProvider(options: LocalProviderOptions): Provider {
  const { docker, name } = options;
  const network = options.network ?? 'crossdock';
  const log = options.log ?? (() => undefined);

  const ensureNetwork = async (): Promise<void> => {
    const existing = await docker.listNetworks({ filters: { name: [network] } });
    if (existing.some((n) => n.Name === network)) return;
    await docker.createNetwork({ Name: network, Driver: 'bridge', Labels: { [MANAGED]: 'managed' } });
  };

  const describe = (info: Dockerode.ContainerInspectInfo): ProviderMachine => ({
    id: info.Id,
    name: info.Config.Labels[NAME_LABEL] ?? info.Name.replace(/^\//, ''),
    state: stateOf(info.State.Status),
    address: info.NetworkSettings.Networks[network]?.IPAddress || null,
    sshPort: 22,
    sshUser: 'root',
    region: null,
    type: info.Config.Labels[TYPE_LABEL] ?? 'sandbox',
    os: (info.Config.Labels[OS_LABEL] as OsFamily | undefined) ?? null,
    createdAt: info.Created,
  });

  const get = async (id: string): Promise<ProviderMachine | null> => {
    try {
      return describe(await docker.getContainer(id).inspect());
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  };

  const exec = async (id: string, cmd: string[]): Promise<string> => {
    const run = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await run.start({ hijack: true, stdin: false });
    let out = '';
    const splitter = new DockerFrameSplitter((which, text) => {
      if (which === 'stdout') out += text;
    });
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => splitter.push(chunk));
      stream.once('end', () => (splitter.end(), resolve()));
      stream.once('error', reject);
    });
    return out;
  };

  return {
    kind: 'local',
    verifyCredentials: async () => {
      await docker.ping().catch((error: unknown) => {
        throw new CrossdockError(
          'DOCKER_UNAVAILABLE',
          `The local sandbox (${name}) needs the Docker engine on this computer, which does not answer: ${(error as Error).message}`,
        );
      });
    },
    regions: async () => [{ name: 'local', zones: [] }],
    sizes: async () => SIZES,
    create: async (spec: MachineSpec) => {
      const size = SIZES.find((s) => s.type === spec.size || s.normalized === spec.size);
      if (!size)
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `The local sandbox has no size "${spec.size}"; use small, medium, large or ${SIZES.map((s) => s.type).join(', ')}`,
          { size: spec.size },
        );
      const image = await ensureSandboxImage(docker, spec.os, log);
      await ensureNetwork();
      const cpus = Math.min(size.vcpus, (await docker.info()).NCPU ?? size.vcpus);
      const hostConfig: SandboxHostConfig = {
        CapAdd: ['ALL'],
        CapDrop: ['SYS_RESOURCE'],
        SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
        CgroupnsMode: 'host',
        Binds: ['/sys/fs/cgroup:/sys/fs/cgroup:rw'],
        Tmpfs: { '/run': '', '/tmp': '' },
        NetworkMode: network,
        NanoCpus: Math.round(cpus * 1e9),
        Memory: size.memoryGiB * 1024 ** 3,
      };
      let container: Dockerode.Container;
      try {
        container = await docker.createContainer({
          name: `crossdock-sandbox-${spec.name}`,
          Hostname: spec.name,
          Image: image,
          Env: [`CROSSDOCK_AUTHORIZED_KEY=${spec.sshPublicKey}`],
          Labels: { [MANAGED]: 'managed', [NAME_LABEL]: spec.name, [OS_LABEL]: spec.os, [TYPE_LABEL]: size.type },
          HostConfig: hostConfig,
        });
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 409) {
          throw new CrossdockError('ALREADY_EXISTS', `A sandbox machine named "${spec.name}" already exists`, {
            machine: spec.name,
          });
        }
        throw error;
      }
      await container.start();
      return describe(await container.inspect());
    },
    get: async (id) => get(id),
    list: async () => {
      const rows = await docker.listContainers({ all: true, filters: { label: [`${MANAGED}=managed`, NAME_LABEL] } });
      const machines = await Promise.all(rows.map((row) => get(row.Id)));
      return machines.filter((m): m is ProviderMachine => m !== null);
    },
    hostKeyFingerprints: async (id) => {
      // The engine is this computer's own: reading the keys through it is as trustworthy as a
      // cloud's console output. They are read only once the start script has become sshd (PID 1):
      // ssh-keygen -A writes the keys one after another, and a reader between two would pin a
      // partial set, then refuse the key sshd offers first.
      const out = await exec(id, [
        'sh',
        '-c',
        '[ "$(cat /proc/1/comm)" = sshd ] || exit 0; for k in /etc/ssh/ssh_host_*_key.pub; do [ -f "$k" ] && ssh-keygen -lf "$k"; done; true',
      ]);
      const fingerprints = [...out.matchAll(/SHA256:[A-Za-z0-9+/]{43}/g)].map((m) => m[0]);
      return fingerprints.length > 0 ? fingerprints : null;
    },
    // Docker answers 304 when the container is already in that state: nothing to do then.
    start: async (id) => {
      await docker.getContainer(id).start().catch(ignoreNotModified);
    },
    stop: async (id) => {
      await docker.getContainer(id).stop({ t: 10 }).catch(ignoreNotModified);
    },
    destroy: async (id) => {
      await docker.getContainer(id).remove({ force: true, v: true });
    },
  };
}
