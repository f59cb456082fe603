import type { ClientMode, CrossdockApi, ServerImpl } from '../../../shared/index.js';
import type { Store } from '../store/store.js';
import { CROSSDOCK_VERSION } from '../version.js';

export function systemService(deps: {
  store: Store;
  dataDir: string;
  mode: ClientMode;
}): ServerImpl<CrossdockApi>['system'] {
  return {
    info: async () => ({
      version: CROSSDOCK_VERSION,
      mode: deps.mode,
      dataDir: deps.dataDir,
      platform: `${process.platform}-${process.arch}`,
      nodeVersion: process.versions.node,
    }),
    getSettings: async () => deps.store.get('settings'),
    updateSettings: async (changes) => {
      return deps.store.update('settings', (current) => {
        const next = { ...current };
        if (changes.theme !== undefined) next.theme = changes.theme;
        return next;
      });
    },
  };
}
