import type { Provider } from '../providers/provider.js';

/**
 * A provider whose implementation is imported on its first call. The cloud SDKs cost 2–3 s to
 * load (measured: @google-cloud/compute ~2.1 s, @aws-sdk/client-ec2 + client-ssm ~0.7 s), which
 * every CLI command would otherwise pay at start, cloud account or not. A failed load is not
 * kept, so the next call tries again.
 */
export function lazyProvider(kind: Provider['kind'], load: () => Promise<Provider>): Provider {
  let loading: Promise<Provider> | null = null;
  const real = (): Promise<Provider> =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
  return {
    kind,
    verifyCredentials: async (signal) => (await real()).verifyCredentials(signal),
    regions: async (signal) => (await real()).regions(signal),
    sizes: async (region, signal) => (await real()).sizes(region, signal),
    create: async (spec, signal) => (await real()).create(spec, signal),
    get: async (id, signal) => (await real()).get(id, signal),
    list: async (signal) => (await real()).list(signal),
    hostKeyFingerprints: async (id, signal) => (await real()).hostKeyFingerprints(id, signal),
    start: async (id, signal) => (await real()).start(id, signal),
    stop: async (id, signal) => (await real()).stop(id, signal),
    destroy: async (id, signal) => (await real()).destroy(id, signal),
  };
}
