import type { CrossdockApi, ServerImpl } from '../../../shared/index.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory } from '../hosts/inventory.js';
import type { JobRegistry } from '../jobs/registry.js';
import { bootstrapJob } from './bootstrap-job.js';
import { detectHost } from './detect-host.js';
import { choosePlan } from './install-plans.js';

export interface BootstrapServiceDeps {
  inventory: HostInventory;
  runtime: HostRuntime;
  jobs: JobRegistry;
}

export function bootstrapService(deps: BootstrapServiceDeps): ServerImpl<CrossdockApi>['bootstrap'] {
  return {
    detect: async ({ host: ref, sudoPassword }, ctx) => {
      const host = deps.inventory.find(ref);
      const { system, os } = await detectHost(await deps.runtime.connection(host), sudoPassword, ctx.signal);
      // An unsupported system is reported as UNSUPPORTED_OS, naming it and what is supported.
      choosePlan(os, system.arch);
      return system;
    },
    start: async ({ host: ref, distributionPackagesOnly, sudoPassword }) => {
      const host = deps.inventory.find(ref);
      return deps.jobs.start(
        'bootstrap',
        `Install Docker on ${host.name}`,
        bootstrapJob(deps.runtime, host, { distributionPackagesOnly, sudoPassword }),
      );
    },
  };
}
