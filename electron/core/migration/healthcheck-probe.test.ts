import { describe, expect, it } from 'vitest';
import { healthcheckCommand } from './healthcheck-probe.js';

describe('healthcheckCommand', () => {
  it('runs CMD as given and CMD-SHELL through /bin/sh -c', () => {
    expect(healthcheckCommand(['CMD', 'curl', '-f', 'http://localhost/'])).toEqual(['curl', '-f', 'http://localhost/']);
    expect(healthcheckCommand(['CMD-SHELL', 'test -f /data/app.log || exit 1'])).toEqual([
      '/bin/sh',
      '-c',
      'test -f /data/app.log || exit 1',
    ]);
  });

  it('has no command for a disabled, empty or unknown test', () => {
    expect(healthcheckCommand(['NONE'])).toBeNull();
    expect(healthcheckCommand([])).toBeNull();
    expect(healthcheckCommand(undefined)).toBeNull();
    expect(healthcheckCommand(['CMD'])).toBeNull();
    expect(healthcheckCommand(['SOMETHING', 'x'])).toBeNull();
  });
});
