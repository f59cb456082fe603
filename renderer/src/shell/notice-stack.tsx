import { useEffect } from 'react';
import { dismissNotice, useCrossdock, type Notice } from '../state/store.js';
import './notice-stack.css';

/** Errors stay long enough to read a sentence and a code; info goes sooner. */
const LIFETIME_MS = { error: 12_000, info: 5_000 } as const;

function NoticeItem({ notice }: { notice: Notice }) {
  useEffect(() => {
    const timer = setTimeout(() => dismissNotice(notice.id), LIFETIME_MS[notice.tone]);
    return () => clearTimeout(timer);
  }, [notice.id, notice.tone]);
  return (
    <div
      className={`notice notice-${notice.tone}`}
      data-testid="notice"
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <div className="notice-text">
        <p className="notice-title">{notice.title}</p>
        <p className="notice-message">
          {notice.message}
          {notice.code && <code className="notice-code">{notice.code}</code>}
        </p>
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => dismissNotice(notice.id)}
      >
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </div>
  );
}

/** Toasts in a corner: they never block the window and never hold a raw error object. */
export function NoticeStack() {
  const notices = useCrossdock((state) => state.notices);
  return (
    <section className="notice-stack" aria-label="Notifications">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </section>
  );
}
