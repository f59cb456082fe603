import { useCrossdock, type Notice } from './crossdock-state.js';

let nextNoticeId = 1;
const NOTICE_LIMIT = 4;

/** Shows a toast; returns its id. Only the newest few stay, so a burst of failures cannot bury the UI. */
export function pushNotice(notice: Omit<Notice, 'id'>): number {
  const id = nextNoticeId++;
  useCrossdock.setState({ notices: [...useCrossdock.getState().notices, { ...notice, id }].slice(-NOTICE_LIMIT) });
  return id;
}

export function dismissNotice(id: number): void {
  useCrossdock.setState({ notices: useCrossdock.getState().notices.filter((notice) => notice.id !== id) });
}
