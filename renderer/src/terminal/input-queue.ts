/**
 * Keystrokes for a terminal session (a container's exec or a host's shell), in order and without a call per key: while one input
 * call is in flight, further input is collected and sent as one string when it returns. Input
 * typed before the session id arrives waits for it.
 */
export interface InputQueue {
  push(data: string): void;
  /** The session id from the first exec chunk; starts sending. */
  start(sessionId: string): void;
  /** Stops sending (the session ended or the panel closed). */
  stop(): void;
}

export function createInputQueue(
  send: (sessionId: string, data: string) => Promise<unknown>,
  onError: (error: unknown) => void = () => {},
): InputQueue {
  let sessionId: string | null = null;
  let waiting = '';
  let sending = false;
  let stopped = false;

  const pump = (): void => {
    if (sending || stopped || sessionId === null || waiting === '') return;
    const data = waiting;
    waiting = '';
    sending = true;
    send(sessionId, data).then(
      () => {
        sending = false;
        pump();
      },
      (error: unknown) => {
        sending = false;
        if (!stopped) onError(error);
        pump();
      },
    );
  };

  return {
    push(data) {
      if (stopped) return;
      waiting += data;
      pump();
    },
    start(id) {
      sessionId = id;
      pump();
    },
    stop() {
      stopped = true;
      waiting = '';
    },
  };
}
