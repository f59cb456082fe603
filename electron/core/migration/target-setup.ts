import type Dockerode from 'dockerode';
import { fromDockerApi } from '../containers/docker-api-errors.js';
import type { MigrationJournal } from './migration-journal.js';
import { endpointSettings } from './recreate-from-inspect.js';
import { MIGRATION_LABEL, type ContainerSpec } from './source-containers.js';
import type { TransferHost } from './transfer/index.js';

interface NetworkInspect {
  Name: string;
  Driver: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
  IPAM?: {
    Driver?: string;
    Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null;
    Options?: Record<string, string> | null;
  };
}

/**
 * Creates on the target the user-defined networks the containers need and the target lacks, as the source has them (driver,
 * options, labels — compose's too, so the project's network stays its network). Address ranges
 * are copied only when a container has a fixed address on the network; otherwise the target picks a free
 * range, since the source's may already be taken there. Each name is journaled before it is created.
 */
export async function createNetworks(
  source: TransferHost,
  target: TransferHost,
  specs: ContainerSpec[],
  journal: MigrationJournal,
  migrationId: string,
  log: (line: string) => void,
): Promise<string[]> {
  const created: string[] = [];
  const names = [...new Set(specs.flatMap((s) => s.spec.networks))];
  for (const name of names) {
    const onTarget = await target.docker
      .getNetwork(name)
      .inspect()
      .then(
        () => true,
        () => false,
      );
    if (onTarget) continue;
    const onSource = (await source.docker.getNetwork(name).inspect()) as NetworkInspect;
    const fixedAddresses = specs.some((s) =>
      [...s.spec.connect, ...primaryAttachment(s)].some((c) => c.network === name && (c.ipv4Address || c.ipv6Address)),
    );
    journal.update(migrationId, (r) => void r.created.networks.push(name));
    try {
      await target.docker.createNetwork({
        Name: name,
        Driver: onSource.Driver,
        CheckDuplicate: true,
        ...(onSource.Internal ? { Internal: true } : {}),
        ...(onSource.Attachable ? { Attachable: true } : {}),
        ...(onSource.EnableIPv6 ? { EnableIPv6: true } : {}),
        Options: onSource.Options ?? {},
        Labels: { ...(onSource.Labels ?? {}), [MIGRATION_LABEL]: migrationId },
        ...(fixedAddresses && onSource.IPAM
          ? {
              IPAM: {
                Driver: onSource.IPAM.Driver ?? 'default',
                Config: onSource.IPAM.Config ?? [],
                Options: onSource.IPAM.Options ?? {},
              },
            }
          : {}),
      } as Dockerode.NetworkCreateOptions);
    } catch (error) {
      throw fromDockerApi(error, `Network "${name}"`, target.name);
    }
    created.push(name);
    log(`[networks] created network ${name} (${onSource.Driver}) on ${target.name}`);
  }
  return created;
}

function primaryAttachment(
  s: ContainerSpec,
): { network: string; ipv4Address: string | null; ipv6Address: string | null }[] {
  const endpoints = s.spec.body.NetworkingConfig?.EndpointsConfig ?? {};
  return Object.entries(endpoints).map(([network, e]) => {
    const ipam = e.IPAMConfig as { IPv4Address?: string; IPv6Address?: string } | undefined;
    return { network, ipv4Address: ipam?.IPv4Address ?? null, ipv6Address: ipam?.IPv6Address ?? null };
  });
}

/**
 * Creates the containers on the target (not started), joined to their extra networks. A copy left by an
 * earlier, interrupted run of the same migration (same label) is replaced. Each name is
 * journaled before it is created.
 */
export async function createContainers(
  target: TransferHost,
  specs: ContainerSpec[],
  journal: MigrationJournal,
  migrationId: string,
  log: (line: string) => void,
): Promise<{ name: string; id: string }[]> {
  await removeMigrationContainers(target, migrationId);
  const created: { name: string; id: string }[] = [];
  for (const s of specs) {
    journal.update(
      migrationId,
      (r) => void (r.created.containers.includes(s.spec.name) || r.created.containers.push(s.spec.name)),
    );
    let container: Dockerode.Container;
    try {
      container = await target.docker.createContainer(s.spec.body);
      for (const attachment of s.spec.connect) {
        await target.docker
          .getNetwork(attachment.network)
          .connect({ Container: container.id, EndpointConfig: endpointSettings(attachment) });
      }
    } catch (error) {
      throw fromDockerApi(error, `Container "${s.spec.name}"`, target.name);
    }
    created.push({ name: s.spec.name, id: container.id });
    log(`[create] created ${s.spec.name} on ${target.name} from ${s.image}`);
  }
  return created;
}

/** Removes every container on `host` labelled with the migration id (force: running or not). */
export async function removeMigrationContainers(host: TransferHost, migrationId: string): Promise<string[]> {
  const ours = await host.docker.listContainers({
    all: true,
    filters: { label: [`${MIGRATION_LABEL}=${migrationId}`] },
  });
  for (const c of ours) {
    await host.docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch((error: unknown) => {
        if ((error as { statusCode?: number }).statusCode !== 404)
          throw fromDockerApi(error, `Container "${c.Names[0] ?? c.Id}"`, host.name);
      });
  }
  return ours.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, ''));
}
