import type { MachineInfo, ProviderInfo } from '../../../shared/index.js';
import type { ProviderMachine } from '../providers/provider.js';

export function toMachineInfo(provider: ProviderInfo, machine: ProviderMachine, hostName: string | null): MachineInfo {
  return {
    id: machine.id,
    name: machine.name,
    providerId: provider.id,
    providerName: provider.name,
    providerKind: provider.kind,
    state: machine.state,
    address: machine.address,
    region: machine.region,
    type: machine.type,
    os: machine.os,
    hostName,
    createdAt: machine.createdAt,
  };
}
