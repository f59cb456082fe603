import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  CrossdockError,
  type ManifestCheck,
  type MigrationOutcome,
  type MigrationPlan,
  type MigrationState,
  type MigrationStepRecord,
  type WireError,
} from '../../../shared/index.js';

/** A container's restart policy, as Docker reports and takes it. */
export interface RestartPolicy {
  Name: string;
  MaximumRetryCount?: number;
}

/**
 * Everything known about one migration, rewritten as a whole after every change. What was made
 * on the target and what was done to the source is recorded *before* the Docker call that does
 * it, so after a crash rollback knows what may exist even if the call's answer never came.
 */
export interface MigrationJournalRecord {
  version: 1;
  id: string;
  jobId: string;
  /** The process running it; with state running, a dead pid means interrupted. */
  pid: number;
  state: MigrationState;
  createdAt: string;
  updatedAt: string;
  request: {
    source: { hostId: string; hostName: string; kind: 'container' | 'project'; name: string };
    target: { hostId: string; hostName: string };
    forceRelay: boolean;
    removeSource: boolean;
    healthySeconds: number;
  };
  plan: MigrationPlan | null;
  steps: MigrationStepRecord[];
  /** Made on the target by this migration (rollback removes exactly these). */
  created: { containers: string[]; volumes: string[]; networks: string[] };
  /** Done to the source: containers this migration stopped, renamed or removed. */
  source: {
    stopped: { id: string; name: string }[];
    renamed: { id: string; from: string; to: string }[];
    restartPolicies: { id: string; policy: RestartPolicy }[];
    removed: boolean;
  };
  /** Bulk-pass markers per volume, for the delta pass. */
  markers: Record<string, string>;
  bytes: { images: number; volumes: number };
  /** Images and bulk pass together, for the next plan's estimate between the same hosts. */
  transferBytesPerSecond: number | null;
  cutover: { stoppedAt: string | null; readyAt: string | null };
  manifest: ManifestCheck | null;
  route: { kind: 'direct' | 'relay'; reason: string } | null;
  outcome: MigrationOutcome | null;
  error: WireError | null;
}

const ID_PATTERN = /^[a-zA-Z0-9-]{1,100}$/;

/**
 * One JSON file per migration under `<dataDir>/migrations/`. Writes go to a temporary file that
 * is flushed to disk and then renamed over the old one, so a crash leaves either the previous or
 * the new version of a record, never half of one.
 */
export class MigrationJournal {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'migrations');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  create(
    record: Omit<
      MigrationJournalRecord,
      | 'version'
      | 'createdAt'
      | 'updatedAt'
      | 'steps'
      | 'created'
      | 'source'
      | 'markers'
      | 'bytes'
      | 'transferBytesPerSecond'
      | 'cutover'
      | 'manifest'
      | 'route'
      | 'outcome'
      | 'error'
    >,
  ): MigrationJournalRecord {
    const now = new Date().toISOString();
    const full: MigrationJournalRecord = {
      version: 1,
      ...record,
      createdAt: now,
      updatedAt: now,
      steps: [],
      created: { containers: [], volumes: [], networks: [] },
      source: { stopped: [], renamed: [], restartPolicies: [], removed: false },
      markers: {},
      bytes: { images: 0, volumes: 0 },
      transferBytesPerSecond: null,
      cutover: { stoppedAt: null, readyAt: null },
      manifest: null,
      route: null,
      outcome: null,
      error: null,
    };
    this.write(full);
    return full;
  }

  read(id: string): MigrationJournalRecord {
    const file = this.file(id);
    if (!existsSync(file))
      throw new CrossdockError('NOT_FOUND', `There is no migration with id ${id}; "crossdock migrate ls" lists them`, {
        migrationId: id,
      });
    return JSON.parse(readFileSync(file, 'utf8')) as MigrationJournalRecord;
  }

  /** Every record, newest first; unreadable files are skipped (and left for a person to look at). */
  list(): MigrationJournalRecord[] {
    const records: MigrationJournalRecord[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        records.push(JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as MigrationJournalRecord);
      } catch {
        // Only a file not written by this class can be torn; it is not ours to delete.
      }
    }
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Reads, changes and durably rewrites a record; returns the new version. */
  update(id: string, change: (record: MigrationJournalRecord) => void): MigrationJournalRecord {
    const record = this.read(id);
    change(record);
    record.updatedAt = new Date().toISOString();
    this.write(record);
    return record;
  }

  /** Records that a step starts (before any of its work), and makes it the current step. */
  beginStep(id: string, name: string): MigrationJournalRecord {
    return this.update(id, (record) => {
      record.steps.push({ name, state: 'started', startedAt: new Date().toISOString(), endedAt: null, detail: null });
    });
  }

  /** Records how the step that started last under `name` ended. */
  endStep(id: string, name: string, state: 'done' | 'failed', detail: string | null): MigrationJournalRecord {
    return this.update(id, (record) => {
      const step = record.steps.findLast((s) => s.name === name && s.state === 'started');
      if (!step) return;
      Object.assign(step, { state, detail, endedAt: new Date().toISOString() });
    });
  }

  private write(record: MigrationJournalRecord): void {
    const file = this.file(record.id);
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(record, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    // The rename itself reaches the disk with the directory's own flush.
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  private file(id: string): string {
    if (!ID_PATTERN.test(id))
      throw new CrossdockError('INVALID_ARGUMENT', `"${id}" is not a migration id`, { migrationId: id });
    return join(this.dir, `${id}.json`);
  }
}
