import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { CrossdockError } from '../../../../shared/index.js';
import type { OsFamily } from '../provider.js';

/** The base image each sandbox OS is built from (on a user's machine they come from a registry). */
const BASE_IMAGES: Partial<Record<OsFamily, string>> = {
  'debian-12': 'debian:12',
  'ubuntu-24.04': 'ubuntu:24.04',
};

// A sandbox machine is a system container that behaves like a small cloud VM: sshd as its main
// process, host keys made on first start (never baked into the image), and the creator's key
// as root's only authorised key, passed in at creation.
const DOCKERFILE = (base: string): string => `FROM ${base}
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server sudo ca-certificates iproute2 procps \\
 && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_* \\
 && sed -i 's/^session\\s\\+required\\s\\+pam_loginuid\\.so/session optional pam_loginuid.so/' /etc/pam.d/sshd
COPY start.sh /usr/local/sbin/crossdock-sandbox-start
RUN chmod 0755 /usr/local/sbin/crossdock-sandbox-start
EXPOSE 22
CMD ["/usr/local/sbin/crossdock-sandbox-start"]
`;

const START = `#!/bin/sh
set -eu
ssh-keygen -A
install -d -m 0700 /root/.ssh
if [ -n "\${CROSSDOCK_AUTHORIZED_KEY:-}" ] && [ ! -s /root/.ssh/authorized_keys ]; then
  printf '%s\\n' "$CROSSDOCK_AUTHORIZED_KEY" > /root/.ssh/authorized_keys
  chmod 0600 /root/.ssh/authorized_keys
fi
mkdir -p /run/sshd
exec /usr/sbin/sshd -D -e
`;

/** The sandbox image's tag; it changes when its recipe does, so an old build is never reused. */
export function sandboxImageTag(os: OsFamily): string {
  const base = BASE_IMAGES[os];
  if (!base)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `The local sandbox has no ${os} image yet; use debian-12 or ubuntu-24.04`,
      { os },
    );
  const hash = createHash('sha256').update(DOCKERFILE(base)).update(START).digest('hex').slice(0, 12);
  return `crossdock-sandbox:${os}-${hash}`;
}

/** Builds the sandbox image through the Docker API unless it is there already. */
export async function ensureSandboxImage(
  docker: Dockerode,
  os: OsFamily,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const tag = sandboxImageTag(os);
  if (
    await docker
      .getImage(tag)
      .inspect()
      .then(
        () => true,
        () => false,
      )
  )
    return tag;
  const base = BASE_IMAGES[os] as string;
  if (
    !(await docker
      .getImage(base)
      .inspect()
      .then(
        () => true,
        () => false,
      ))
  ) {
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `The local Docker engine has no ${base} image to build the ${os} sandbox from; pull it first (docker pull ${base})`,
      { image: base },
    );
  }
  log(`Building the ${os} sandbox image (${tag}) from ${base}`);
  // dockerode packs a folder into the build context (tar-fs); write the two files to one.
  const context = mkdtempSync(join(tmpdir(), 'crossdock-sandbox-'));
  try {
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE(base));
    writeFileSync(join(context, 'start.sh'), START);
    const stream = await docker.buildImage(
      { context, src: ['Dockerfile', 'start.sh'] },
      { t: tag, labels: { 'crossdock.sandbox.image': os } },
    );
    await followBuild(docker, stream, os, log);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return tag;
}

function followBuild(
  docker: Dockerode,
  stream: NodeJS.ReadableStream,
  os: OsFamily,
  log: (line: string) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error, output: { error?: string }[]) => {
        const failed = error?.message ?? output.find((line) => line.error)?.error;
        if (failed)
          reject(
            new CrossdockError('FAILED_PRECONDITION', `Building the ${os} sandbox image failed: ${failed}`, { os }),
          );
        else resolve();
      },
      (event: { stream?: string }) => event.stream?.trim() && log(event.stream.trim()),
    );
  });
}
