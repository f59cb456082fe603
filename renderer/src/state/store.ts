import type { Settings, SystemInfo } from '../../../shared/index.js';
import type { ViewId } from '../navigation/views.js';
import { useCrossdock, type ConnectionState } from './crossdock-state.js';

/**
 * The window's store: its shape is in crossdock-state.ts; jobs, the inventory and notices have
 * their writers beside it. This module is the one place views import them from.
 */
export {
  useCrossdock,
  type ConnectionState,
  type CrossdockState,
  type Notice,
  type TransportKind,
} from './crossdock-state.js';
export { applyJob, applyJobList, applyLogLines } from './jobs-state.js';
export { applyHost, applyHostList, applyKey, dropHost, dropKey, setKeys, setVault } from './inventory-state.js';
export { dismissNotice, pushNotice } from './notices.js';

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

export function showView(view: ViewId): void {
  if (get().view !== view) set({ view });
}

export function setJobsPanelOpen(open: boolean): void {
  set({ jobsPanelOpen: open });
}

export function showJobLog(jobId: string | null): void {
  set(jobId ? { logJobId: jobId, jobsPanelOpen: true } : { logJobId: null });
}
