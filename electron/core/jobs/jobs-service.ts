import type { CrossdockApi, ServerImpl } from '../../../shared/index.js';
import type { JobRegistry } from './registry.js';

export function jobsService(jobs: JobRegistry): ServerImpl<CrossdockApi>['jobs'] {
  return {
    list: async () => jobs.list(),
    get: async ({ id }) => jobs.get(id),
    cancel: async ({ id }) => jobs.cancel(id),
    logs: async ({ id, afterSeq }) => jobs.logs(id, afterSeq),
    wait: async ({ id }, ctx) => jobs.wait(id, ctx.signal),
    clearFinished: async () => jobs.clearFinished(),
  };
}
