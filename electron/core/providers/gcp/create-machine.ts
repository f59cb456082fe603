import { CrossdockError } from '../../../../shared/errors.js';
import type { MachineSpec, ProviderMachine } from '../provider.js';
import { IMAGE_FAMILIES, machineTypeFor } from './catalog.js';
import { deleteFirewall, getMachine, type GcpContext } from './context.js';
import { firewallRule } from './firewall.js';
import { GCP_SSH_USER, MANAGED_LABEL, machineId, OS_LABEL, osLabelValue } from './machine.js';

// A firewall name is `crossdock-` + the machine name and must fit Google's 63 characters.
const MACHINE_NAME = /^[a-z](?:[-a-z0-9]{0,51}[a-z0-9])?$/;

/**
 * Creates the machine's firewall rule, then the instance, and returns the instance as soon as
 * Google knows it: the machine boots while the machines service polls `get`, so this does not
 * wait for the insert operation to finish. A failed insert removes the rule again.
 */
export async function createMachine(
  ctx: GcpContext,
  spec: MachineSpec,
  signal?: AbortSignal,
): Promise<ProviderMachine> {
  const { clients, project, who } = ctx;
  if (!MACHINE_NAME.test(spec.name)) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `"${spec.name}" is not a valid Google Cloud machine name (lower-case letters, digits and dashes, at most 53)`,
      { provider: who },
    );
  }
  const zone = spec.region ?? ctx.defaultZone;
  const family = IMAGE_FAMILIES[spec.os];
  const [image] = await ctx.call(`image family ${family.family}`, signal, () =>
    clients.images.getFromFamily({ project: family.project, family: family.family }),
  );
  const rule = firewallRule(spec.name, spec.openPorts);
  const tag = rule.name ?? spec.name;
  const [ruleOperation] = await ctx.call(`firewall rule ${tag}`, signal, () =>
    clients.firewalls.insert({ project, firewallResource: rule }),
  );
  await ctx.call(`firewall rule ${tag}`, signal, () => ctx.wait(ruleOperation, null, signal));
  try {
    await ctx.call(`instance ${spec.name}`, signal, () =>
      clients.instances.insert({
        project,
        zone,
        instanceResource: {
          name: spec.name,
          machineType: `zones/${zone}/machineTypes/${machineTypeFor(spec.size)}`,
          labels: { [MANAGED_LABEL.key]: MANAGED_LABEL.value, [OS_LABEL]: osLabelValue(spec.os) },
          tags: { items: [tag] },
          // The image by name, not family: the machine records exactly what it booted.
          disks: [
            {
              boot: true,
              autoDelete: true,
              initializeParams: { sourceImage: `projects/${family.project}/global/images/${image.name}` },
            },
          ],
          networkInterfaces: [
            { network: 'global/networks/default', accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT' }] },
          ],
          metadata: { items: [{ key: 'ssh-keys', value: `${GCP_SSH_USER}:${spec.sshPublicKey.trim()}` }] },
        },
      }),
    );
  } catch (error) {
    // Not signal-bound: the rule was made for this machine alone and must not outlive the failure.
    await deleteFirewall(ctx, spec.name).catch(() => undefined);
    throw error;
  }
  const machine = await getMachine(ctx, machineId(zone, spec.name), signal);
  if (!machine)
    throw new CrossdockError('NOT_FOUND', `Google Cloud (${who}): instance ${spec.name} vanished right after insert`, {
      provider: who,
    });
  return machine;
}
