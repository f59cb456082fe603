// The price catalogue on disk: `<data dir>/prices.json`, one entry per provider kind and region
// with the time it was fetched. A week is old: after that the catalogue says it is stale and
// `prices.refresh` fetches again. Hand-set monthly prices for `ssh` machines live beside it
// (`prices-manual.json`). Neither holds a secret.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PriceCatalogue, RegionCatalogue } from '../../../shared/domain/prices.js';

export const STALE_AFTER_MS = 7 * 24 * 3_600_000;

interface CacheFile {
  version: 1;
  regions: RegionCatalogue[];
}

function readJson<T>(path: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    // Missing or unreadable: as if nothing were cached (the next refresh rewrites it).
    return fallback;
  }
}

function writeJson(dir: string, name: string, value: unknown): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 1)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export class CatalogueCache {
  constructor(private readonly dataDir: string) {}

  regions(): RegionCatalogue[] {
    const file = readJson<Partial<CacheFile>>(join(this.dataDir, 'prices.json'), {});
    return file.version === 1 && Array.isArray(file.regions) ? file.regions : [];
  }

  /** Replaces the given regions' entries, keeping the others. */
  save(fetched: RegionCatalogue[]): void {
    const key = (r: RegionCatalogue) => `${r.provider}/${r.region}`;
    const fresh = new Set(fetched.map(key));
    const regions = [...this.regions().filter((r) => !fresh.has(key(r))), ...fetched];
    writeJson(this.dataDir, 'prices.json', { version: 1, regions } satisfies CacheFile);
  }

  find(provider: 'aws' | 'gcp', region: string): RegionCatalogue | undefined {
    return this.regions().find((r) => r.provider === provider && r.region === region);
  }

  /** Monthly USD set by hand, per machine (an `ssh` host's name). */
  manualPrices(): Record<string, number> {
    return readJson<Record<string, number>>(join(this.dataDir, 'prices-manual.json'), {});
  }

  setManualPrice(machine: string, monthlyUsd: number | null): void {
    const prices = this.manualPrices();
    if (monthlyUsd === null) delete prices[machine];
    else prices[machine] = monthlyUsd;
    writeJson(this.dataDir, 'prices-manual.json', prices);
  }
}

/** The catalogue as clients see it: regions, what is missing and why, and how old it is. */
export function summarise(
  regions: RegionCatalogue[],
  missing: PriceCatalogue['missing'],
  message: string | null,
  now = Date.now(),
): PriceCatalogue {
  const oldest = regions.map((r) => r.fetchedAt).sort()[0] ?? null;
  return {
    regions,
    missing,
    oldestFetchedAt: oldest,
    stale: oldest !== null && now - Date.parse(oldest) > STALE_AFTER_MS,
    message,
  };
}
