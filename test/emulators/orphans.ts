import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';

/** Label every emulator container carries, valued by the emulator's kind ("ec2", "gce"). */
export const emulatorLabel = 'crossdock.emulator';
/** Label naming the emulator process that made a container: `<pid>:<uuid>`. */
export const ownerLabel = 'crossdock.emulator.owner';

/** The emulators that make rig machines. */
export type EmulatorKind = 'ec2' | 'gce' | 'hetzner' | 'digitalocean';

/** A fresh owner value for one emulator in this process. */
export function newOwner(): string {
  return `${process.pid}:${randomUUID()}`;
}

/**
 * Removes the containers of `kind` left by emulators whose process is gone (a killed test run),
 * so stale machines never hold names or addresses a new run needs. Containers of live emulators,
 * in this process or another, are left alone; ones without an owner label predate it and go.
 */
export async function removeOrphans(docker: Docker, kind: EmulatorKind): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${emulatorLabel}=${kind}`] } });
  await Promise.all(
    containers.map(async (c) => {
      const pid = Number((c.Labels[ownerLabel] ?? '').split(':')[0]);
      if (pid && isAlive(pid)) return;
      await docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined);
    }),
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
