import { CrossdockError, type JobStepId, type ManifestCheck, type MigrationPlan } from '../../../shared/index.js';
import type { JobContext } from '../jobs/registry.js';
import type { StoredHost } from '../hosts/inventory.js';
import type { MigrationDeps, MigrationRequest } from './migration-job.js';
import type { MigrationJournalRecord } from './migration-journal.js';
import type { ContainerSpec } from './source-containers.js';
import type {
  CurrentManifest,
  DirectoryInodes,
  ManifestSnapshots,
  Route,
  SendImagesResult,
  TransferHost,
} from './transfer/index.js';

export type MigrationStepId = JobStepId<'migration'>;

/**
 * What one run of a migration job knows, shared by its steps: each step reads what the steps
 * before it left here and adds its own.
 */
export interface MigrationRun {
  readonly id: string;
  readonly job: JobContext<MigrationStepId>;
  readonly deps: MigrationDeps;
  /** A new migration's request, or null when resuming one from its journal. */
  readonly request: MigrationRequest | null;
  readonly settings: MigrationJournalRecord['request'];
  readonly sourceHost: StoredHost;
  readonly targetHost: StoredHost;
  readonly source: TransferHost;
  readonly target: TransferHost;
  log(line: string): void;
  /** Whether anything may have changed on either host (from the plan on, or any resume). */
  changedAnything: boolean;
  plan: MigrationPlan | null;
  specs: ContainerSpec[];
  route: Route | null;
  /** Every volume the containers mount, once each. */
  volumes: string[];
  /** The source's directories per volume as the last pass saw them (in memory only). */
  dirs: Map<string, DirectoryInodes>;
  transferStarted: number | null;
  images: SendImagesResult | null;
  bulkBytes: number;
  /** Bytes moved so far by the images step and the bulk pass, each. */
  dataMoved: Map<string, number>;
  snapshots: Map<string, ManifestSnapshots>;
  created: { name: string; id: string }[];
  /** The source's manifests, taken once its containers stopped. */
  sourceNow: Map<string, Promise<CurrentManifest>>;
  manifest: ManifestCheck | null;
  sourceContainers: { id: string; name: string; renamedTo: string | null }[];
}

/** Whether any of the source containers ran when the migration was planned. */
export function sourceRan(run: MigrationRun): boolean {
  return run.specs.some((s) => s.running);
}

/** A value an earlier step of the run had to leave; missing, it is a bug in the table's order. */
export function needed<T>(value: T | null, what: string): T {
  if (value === null) throw new CrossdockError('INTERNAL', `Migration step order: ${what} is missing`);
  return value;
}
