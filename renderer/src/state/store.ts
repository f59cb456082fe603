import { create } from 'zustand';
import type { HostInfo, JobInfo, JobLogLine, Settings, SshKeyInfo, SystemInfo, VaultStatus } from '../../../shared/index.js';
import { DEFAULT_VIEW, type ViewId } from '../navigation/views.js';
import type { ErrorDescription } from './describe-error.js';
import { sortHosts, upsertHost, withoutHost } from './host-list.js';
import { mergeLogLines } from './job-logs.js';
import { reconcileJobs, upsertJob } from './job-list.js';

export type TransportKind = 'ipc' | 'websocket';

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'connected'; transport: TransportKind }
  /** `retryAt`: epoch ms of the next automatic attempt, or null when none is scheduled. */
  | { status: 'disconnected'; reason: string; retryAt: number | null };

export interface Notice extends ErrorDescription {
  id: number;
  tone: 'error' | 'info';
  /** What the user was doing, e.g. "Could not cancel the job". */
  title: string;
}

/**
 * Everything the window shows. Only the session (events and initial loads) and the actions
 * (replies to the user's calls) write the core's data here; components only read it.
 */
export interface CrossdockState {
  connection: ConnectionState;
  /** Increases on every successful (re)connection, so views can refetch what they follow. */
  session: number;
  systemInfo: SystemInfo | null;
  settings: Settings | null;
  hosts: HostInfo[];
  /** What the core says about the vault; null until the first answer. */
  vault: VaultStatus | null;
  /** SSH keys in name order; null until listed (listing needs an unlocked vault). */
  keys: SshKeyInfo[] | null;
  jobs: JobInfo[];
  /** Log lines by job id, in seq order. */
  logs: Record<string, JobLogLine[]>;
  notices: Notice[];
  view: ViewId;
  jobsPanelOpen: boolean;
  /** The job whose log is shown in the jobs panel. */
  logJobId: string | null;
}

const initialState: CrossdockState = {
  connection: { status: 'connecting', attempt: 0 },
  session: 0,
  systemInfo: null,
  settings: null,
  hosts: [],
  vault: null,
  keys: null,
  jobs: [],
  logs: {},
  notices: [],
  view: DEFAULT_VIEW,
  jobsPanelOpen: false,
  logJobId: null,
};

export const useCrossdock = create<CrossdockState>()(() => initialState);

const set = useCrossdock.setState;
const get = useCrossdock.getState;

export function setConnection(connection: ConnectionState): void {
  set(connection.status === 'connected' ? { connection, session: get().session + 1 } : { connection });
}

export function setSystemInfo(systemInfo: SystemInfo): void {
  set({ systemInfo });
}

export function setSettings(settings: Settings): void {
  set({ settings });
}

export function applyJob(job: JobInfo): void {
  set({ jobs: upsertJob(get().jobs, job) });
}

export function applyJobList(listed: JobInfo[], seenSinceRequest: ReadonlySet<string>): void {
  const jobs = reconcileJobs(get().jobs, listed, seenSinceRequest);
  // Forget the logs of jobs that are gone, so a long session does not keep every log forever.
  const ids = new Set(jobs.map((job) => job.id));
  const logs = Object.fromEntries(Object.entries(get().logs).filter(([id]) => ids.has(id)));
  const logJobId = get().logJobId;
  set({ jobs, logs, logJobId: logJobId && ids.has(logJobId) ? logJobId : null });
}

export function applyLogLines(jobId: string, lines: JobLogLine[]): void {
  const logs = get().logs;
  const existing = logs[jobId] ?? [];
  const merged = mergeLogLines(existing, lines);
  if (merged !== existing) set({ logs: { ...logs, [jobId]: merged } });
}

export function setHosts(hosts: HostInfo[]): void {
  set({ hosts: sortHosts(hosts) });
}

export function applyHost(host: HostInfo): void {
  set({ hosts: upsertHost(get().hosts, host) });
}

export function dropHost(id: string): void {
  const hosts = withoutHost(get().hosts, id);
  if (hosts !== get().hosts) set({ hosts });
}

export function setVault(vault: VaultStatus): void {
  set({ vault });
}

const byKeyName = (a: SshKeyInfo, b: SshKeyInfo): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function setKeys(keys: SshKeyInfo[] | null): void {
  set({ keys: keys ? [...keys].sort(byKeyName) : null });
}

export function applyKey(key: SshKeyInfo): void {
  set({ keys: [...(get().keys ?? []).filter((k) => k.id !== key.id), key].sort(byKeyName) });
}

export function dropKey(id: string): void {
  const keys = get().keys;
  if (keys) set({ keys: keys.filter((key) => key.id !== id) });
}

let nextNoticeId = 1;
const NOTICE_LIMIT = 4;

/** Shows a toast; returns its id. Only the newest few stay, so a burst of failures cannot bury the UI. */
export function pushNotice(notice: Omit<Notice, 'id'>): number {
  const id = nextNoticeId++;
  set({ notices: [...get().notices, { ...notice, id }].slice(-NOTICE_LIMIT) });
  return id;
}

export function dismissNotice(id: number): void {
  set({ notices: get().notices.filter((notice) => notice.id !== id) });
}

export function showView(view: ViewId): void {
  if (get().view !== view) set({ view });
}

export function setJobsPanelOpen(open: boolean): void {
  set({ jobsPanelOpen: open });
}

export function showJobLog(jobId: string | null): void {
  set(jobId ? { logJobId: jobId, jobsPanelOpen: true } : { logJobId: null });
}
