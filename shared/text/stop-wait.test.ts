import { describe, expect, it } from 'vitest';
import { describeStopWait, stopWaitMs } from './stop-wait.js';

const term10 = { signal: 'SIGTERM', timeoutSeconds: 10 };

describe('stop wait', () => {
  it('adds the stop timeouts of the containers, stopped one after another', () => {
    expect(stopWaitMs([])).toBe(0);
    expect(stopWaitMs([{ name: 'web', stop: term10 }])).toBe(10_000);
    expect(
      stopWaitMs([
        { name: 'web', stop: term10 },
        { name: 'db', stop: { signal: 'SIGINT', timeoutSeconds: 30 } },
        { name: 'cache', stop: { signal: 'KILL', timeoutSeconds: 10 } },
      ]),
    ).toBe(40_000);
    expect(stopWaitMs([{ name: 'web', stop: { signal: 'SIGTERM', timeoutSeconds: null } }])).toBeNull();
  });

  it('says the wait, the signal and SIGKILL after it', () => {
    expect(describeStopWait([])).toBe('');
    expect(describeStopWait([{ name: 'web', stop: term10 }])).toBe('stop: up to 10 s (SIGTERM, then SIGKILL)');
    expect(describeStopWait([{ name: 'web', stop: { signal: 'INT', timeoutSeconds: 7 } }])).toBe(
      'stop: up to 7 s (SIGINT, then SIGKILL)',
    );
    expect(
      describeStopWait([
        { name: 'web', stop: term10 },
        { name: 'db', stop: term10 },
      ]),
    ).toBe('stop: up to 20 s (2 containers one after another, each SIGTERM, then SIGKILL after 10 s)');
    expect(
      describeStopWait([
        { name: 'web', stop: { signal: 'SIGQUIT', timeoutSeconds: 7 } },
        { name: 'db', stop: term10 },
      ]),
    ).toBe(
      'stop: up to 17 s (one after another: web SIGQUIT, then SIGKILL after 7 s; db SIGTERM, then SIGKILL after 10 s)',
    );
  });

  it('says when the stop is immediate or has no bound', () => {
    expect(describeStopWait([{ name: 'web', stop: { signal: 'SIGTERM', timeoutSeconds: 0 } }])).toBe(
      'stop: at once (SIGTERM, then SIGKILL at once)',
    );
    expect(describeStopWait([{ name: 'web', stop: { signal: '9', timeoutSeconds: 10 } }])).toBe(
      'stop: at once (SIGKILL at once)',
    );
    expect(describeStopWait([{ name: 'web', stop: { signal: 'SIGTERM', timeoutSeconds: null } }])).toBe(
      'stop: no time limit (SIGTERM, and Docker waits until it exits: the downtime has no bound)',
    );
  });
});
