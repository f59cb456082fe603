import { create } from 'zustand';
import type {
  HostInfo,
  JobInfo,
  JobLogLine,
  Settings,
  SshKeyInfo,
  SystemInfo,
  VaultStatus,
} from '../../../shared/index.js';
import { DEFAULT_VIEW, type ViewId } from '../navigation/views.js';
import type { ErrorDescription } from './describe-error.js';
import type { Entries } from './live-rule.js';

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
  /** The hosts in name order, derived from `hostEntries`. */
  hosts: HostInfo[];
  /** The hosts by id with the generation that wrote each (see live-rule.ts). */
  hostEntries: Entries<HostInfo>;
  /** What the core says about the vault; null until the first answer. */
  vault: VaultStatus | null;
  /** SSH keys in name order; null until listed (listing needs an unlocked vault). */
  keys: SshKeyInfo[] | null;
  /** The jobs newest first, derived from `jobEntries`. */
  jobs: JobInfo[];
  /** The jobs by id with the generation that wrote each (see live-rule.ts). */
  jobEntries: Entries<JobInfo>;
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
  hostEntries: {},
  vault: null,
  keys: null,
  jobs: [],
  jobEntries: {},
  logs: {},
  notices: [],
  view: DEFAULT_VIEW,
  jobsPanelOpen: false,
  logJobId: null,
};

export const useCrossdock = create<CrossdockState>()(() => initialState);
