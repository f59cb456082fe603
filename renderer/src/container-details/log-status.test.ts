import { describe, expect, it } from 'vitest';
import { logStatusText } from './log-status.js';

describe('logStatusText', () => {
  it('says whether it follows or loads while streaming', () => {
    expect(logStatusText({ status: 'streaming', error: null }, true)).toBe('Following');
    expect(logStatusText({ status: 'streaming', error: null }, false)).toBe('Loading…');
  });

  it('says why the log ended', () => {
    expect(logStatusText({ status: 'ended', error: null }, true)).toBe('The log ended (the container stopped).');
    expect(logStatusText({ status: 'ended', error: null }, false)).toBe('End of log.');
  });

  it('gives the error of a failed stream, or a default', () => {
    expect(logStatusText({ status: 'failed', error: 'NO_SUCH_CONTAINER' }, true)).toBe('Stopped: NO_SUCH_CONTAINER');
    expect(logStatusText({ status: 'failed', error: null }, false)).toBe('Stopped: the log stream failed');
  });
});
