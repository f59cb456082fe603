import { describe, expect, it } from 'vitest';
import { shellExitCode } from './shell-sessions.js';

describe('shellExitCode', () => {
  it('is the exit status, else 128 + the signal, else 255 as OpenSSH reports a lost session', () => {
    expect(shellExitCode(0, null)).toBe(0);
    expect(shellExitCode(42, null)).toBe(42);
    expect(shellExitCode(null, 'KILL')).toBe(137);
    expect(shellExitCode(null, 'TERM')).toBe(143);
    expect(shellExitCode(undefined, undefined)).toBe(255);
    expect(shellExitCode(null, 'NOTASIGNAL')).toBe(255);
  });
});
