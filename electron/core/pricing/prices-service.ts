// `prices.*`: the catalogue (from the cache, with its age and what is missing), its refresh as
// a job, each machine's cost this month, and hand-set monthly prices for `ssh` machines.
import {
  CrossdockError,
  isCatalogued,
  regionOf,
  type CataloguedKind,
  type CrossdockApi,
  type MachineInfo,
  type ServerImpl,
} from '../../../shared/index.js';
import type { CostReport, MachineCost, PriceCatalogue, RegionCatalogue } from '../../../shared/index.js';
import type { JobContext, JobRegistry } from '../jobs/registry.js';
import {
  parseAwsCredentials,
  parseServiceAccount,
  providerSecretId,
  type StoredProvider,
} from '../machines/cloud-providers.js';
import type { Store } from '../store/store.js';
import type { Vault } from '../vault/vault.js';
import { CatalogueCache, summarise } from './catalogue-cache.js';
import { machineCost, manualCost } from './cost.js';
import { hoursInMonth, monthBounds } from './month.js';

/**
 * Disk sizes assumed for cost: Crossdock sets no disk size when it creates a machine, so the
 * image's default is what is billed (8 GiB for the Debian/Ubuntu AMIs, 10 GB for Google's images).
 */
export const DEFAULT_DISK_GB: Record<'aws' | 'gcp', number> = { aws: 8, gcp: 10 };

export interface PricesServiceDeps {
  dataDir: string;
  store: Store;
  vault: Vault;
  jobs: JobRegistry;
  /** Every machine, as `machines.list` gives it. */
  machines: (signal?: AbortSignal) => Promise<MachineInfo[]>;
  now?: () => Date;
}

interface Target {
  stored: StoredProvider;
  kind: CataloguedKind;
  region: string;
}

export function pricesService(deps: PricesServiceDeps): ServerImpl<CrossdockApi>['prices'] {
  const cache = new CatalogueCache(deps.dataDir);
  const now = deps.now ?? (() => new Date());
  const stored = () => deps.store.get('providers');

  /** The (provider, region) pairs to price: each account's default region. */
  const targets = (): Target[] =>
    stored().flatMap((s) =>
      isCatalogued(s.kind) ? [{ stored: s, kind: s.kind, region: regionOf(s.kind, s.region) }] : [],
    );

  const catalogue = (): PriceCatalogue => {
    const cached = cache.regions();
    const missing = targets()
      .filter((t) => !cached.some((r) => r.provider === t.stored.kind && r.region === t.region))
      .map((t) => ({
        provider: t.stored.name,
        kind: t.kind,
        region: t.region,
        reason: 'not fetched yet: refresh the prices (crossdock cost --refresh, or Refresh prices in the app)',
      }));
    const message =
      targets().length === 0
        ? 'No AWS or Google Cloud account is added, so there are no prices: add one (Machines → Providers, or crossdock provider add) and refresh.'
        : cached.length === 0
          ? 'No prices fetched yet: refresh the prices to fetch them from the providers’ own APIs.'
          : null;
    return summarise(cached, missing, message, now().getTime());
  };

  async function fetchTarget(
    target: Target,
    job: JobContext<'fetch' | 'done'>,
    part: number,
  ): Promise<RegionCatalogue> {
    const { stored: s, region } = target;
    // Reading the secret throws VAULT_LOCKED when the vault is locked; the job reports it per provider.
    const secret = deps.vault.get(providerSecretId(s.id)).toString('utf8');
    const detail = (pages: number) => job.within('fetch', part, `${s.name} ${region}: ${pages} page(s)`);
    if (s.kind === 'aws') {
      const { createPricingClient, fetchAwsRegion } = await import('./aws-fetch.js');
      const client = createPricingClient({
        credentials: parseAwsCredentials(secret, s.name),
        ...(s.endpoint ? { endpoint: s.endpoint } : {}),
      });
      try {
        return await fetchAwsRegion(client, region, job.signal, detail);
      } finally {
        client.destroy();
      }
    }
    const { createCatalogClient, fetchGcpRegion, listComputeSkus } = await import('./gcp-fetch.js');
    const { createGcpClients } = await import('../providers/gcp/clients.js');
    const key = parseServiceAccount(secret, s.name);
    const url = s.endpoint ? new URL(s.endpoint) : null;
    const endpoint = url
      ? {
          host: url.hostname,
          port: Number(url.port || (url.protocol === 'http:' ? 80 : 443)),
          protocol: url.protocol.replace(':', '') as 'http' | 'https',
        }
      : undefined;
    const catalog = createCatalogClient(key, endpoint);
    try {
      const skus = await listComputeSkus(catalog, job.signal, detail);
      return await fetchGcpRegion(createGcpClients(key, endpoint), skus, region, job.signal);
    } finally {
      await catalog.close();
    }
  }

  let running: string | null = null;

  const refresh = () => {
    const list = targets();
    if (list.length === 0)
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        'No AWS or Google Cloud account is added, so there are no prices to fetch; add one first (crossdock provider add)',
      );
    const info = deps.jobs.start('prices-refresh', 'Refresh prices', async (job) => {
      try {
        const fetched: RegionCatalogue[] = [];
        let failed = 0;
        for (const [index, target] of list.entries()) {
          job.within('fetch', index / list.length, `${target.stored.name} ${target.region}`);
          try {
            fetched.push(await fetchTarget(target, job, index / list.length));
            job.log(
              `${target.stored.name} ${target.region}: ${fetched.at(-1)?.sizes.length ?? 0} machine types priced`,
            );
          } catch (error) {
            if (job.signal.aborted) throw error;
            failed += 1;
            job.log(
              `${target.stored.name} ${target.region}: no prices (${error instanceof Error ? error.message : String(error)})`,
              'stderr',
            );
          }
        }
        job.step('done');
        cache.save(fetched);
        return { regions: fetched.length, missing: failed };
      } finally {
        running = null;
      }
    });
    running = info.id;
    return info;
  };

  const cost = async (signal?: AbortSignal): Promise<CostReport> => {
    const at = now();
    const machines = await deps.machines(signal);
    const manual = cache.manualPrices();
    const costs = machines
      .filter((m) => m.state !== 'terminated')
      .map((m): MachineCost => {
        const base = {
          machine: m.id,
          name: m.name,
          providerId: m.providerId,
          providerName: m.providerName,
          providerKind: m.providerKind,
          state: m.state,
          type: m.type,
          region: m.region,
        };
        const hand = manual[m.name] ?? manual[m.id];
        if (hand !== undefined) return { ...base, ...manualCost(hand, at), priceSource: { kind: 'manual' } };
        if (m.providerKind === 'local')
          return { ...base, runningHours: 0, soFarUsd: 0, projectedUsd: 0, priceSource: { kind: 'free' } };
        const unknown = (reason: string): MachineCost => ({
          ...base,
          runningHours: 0,
          soFarUsd: null,
          projectedUsd: null,
          priceSource: { kind: 'unknown', reason },
        });
        if (m.providerKind === 'ssh')
          return unknown('a server added by SSH: give it a monthly price (crossdock cost --set NAME=USD)');
        // Hetzner's prices (EUR, from its own /pricing endpoint) are not in the catalogue yet.
        if (m.providerKind === 'hetzner')
          return unknown('Hetzner prices are not fetched yet: give it a monthly price (crossdock cost --set NAME=USD)');
        // DigitalOcean publishes its prices on its sizes (providers.sizes shows them), not yet in the catalogue.
        if (m.providerKind === 'digitalocean')
          return unknown(
            'DigitalOcean prices are not in the price catalogue yet: give it a monthly price (crossdock cost --set NAME=USD)',
          );
        if (!m.region) return unknown('its region is not known');
        const region = regionOf(m.providerKind, m.region);
        const prices = cache.find(m.providerKind, region);
        if (!prices) return unknown(`no prices for ${m.providerKind} ${region} yet: refresh the prices`);
        const size = prices.sizes.find((s) => s.type === m.type);
        if (!size) return unknown(`${m.type} is not in the ${region} price list`);
        // Hours running: Crossdock knows a machine's launch time and its current state, not its
        // history. A running machine is counted from its launch (or the 1st); a stopped one as
        // not having run this month — compute may be undercounted for a machine stopped
        // mid-month, its disk never is.
        const created = m.createdAt ? new Date(m.createdAt) : null;
        const runs =
          m.state === 'running' || m.state === 'pending'
            ? [{ start: created ?? monthBounds(at).start, end: null }]
            : [];
        const figures = machineCost(
          {
            hourlyUsd: size.hourlyUsd,
            diskGb: DEFAULT_DISK_GB[m.providerKind],
            diskGbMonthUsd: prices.extras.diskGbMonthUsd,
            ipv4HourUsd: prices.extras.ipv4HourUsd,
          },
          created,
          runs,
          at,
        );
        return { ...base, ...figures, priceSource: { kind: 'catalogue', fetchedAt: prices.fetchedAt } };
      });
    const byProvider = new Map<string, CostReport['providers'][number]>();
    for (const c of costs) {
      const entry = byProvider.get(c.providerId) ?? {
        providerId: c.providerId,
        providerName: c.providerName,
        soFarUsd: 0,
        projectedUsd: 0,
        unpriced: 0,
      };
      if (c.soFarUsd === null || c.projectedUsd === null) entry.unpriced += 1;
      else {
        entry.soFarUsd += c.soFarUsd;
        entry.projectedUsd += c.projectedUsd;
      }
      byProvider.set(c.providerId, entry);
    }
    const providers = [...byProvider.values()];
    return {
      at: at.toISOString(),
      monthStart: monthBounds(at).start.toISOString(),
      hoursInMonth: hoursInMonth(at),
      machines: costs,
      providers,
      total: {
        soFarUsd: providers.reduce((sum, p) => sum + p.soFarUsd, 0),
        projectedUsd: providers.reduce((sum, p) => sum + p.projectedUsd, 0),
        unpriced: providers.reduce((sum, p) => sum + p.unpriced, 0),
      },
    };
  };

  return {
    catalogue: async () => {
      const result = catalogue();
      // Older than a week: fetch again in the background (once at a time); this answer says it is stale.
      if (result.stale && running === null && deps.vault.status().unlocked) {
        try {
          refresh();
        } catch {
          // Nothing to refresh; the catalogue's message already says why.
        }
      }
      return result;
    },
    refresh: async () => refresh(),
    cost: async (_args, ctx) => cost(ctx.signal),
    setMonthlyPrice: async ({ machine, monthlyUsd }) => {
      cache.setManualPrice(machine, monthlyUsd);
    },
  };
}

/** The price of a type from the cache, for the size picker; null when not fetched. */
export function cachedHourlyPrice(dataDir: string, kind: 'aws' | 'gcp', place: string, type: string): number | null {
  return (
    new CatalogueCache(dataDir).find(kind, regionOf(kind, place))?.sizes.find((s) => s.type === type)?.hourlyUsd ?? null
  );
}
