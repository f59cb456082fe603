import { describe, expect, it } from 'vitest';
import { CrossdockError } from '../../shared/errors.js';
import { describeCliError } from './cli.js';

describe('describeCliError', () => {
  it('words the auto-ports remedy as the CLI flag, once', () => {
    const error = new CrossdockError(
      'PORT_CONFLICT',
      'host web-1: port 8080/tcp is taken by container shop-web-1; choose another port',
      { advice: 'auto-ports' },
    );
    expect(describeCliError(error)).toBe(
      'crossdock: host web-1: port 8080/tcp is taken by container shop-web-1; choose another port or add --auto-ports to publish on the next free port (PORT_CONFLICT)',
    );
  });

  it('adds nothing for an error without advice, or with advice it does not know', () => {
    expect(describeCliError(new CrossdockError('PORT_CONFLICT', 'no free port is left', {}))).toBe(
      'crossdock: no free port is left (PORT_CONFLICT)',
    );
    expect(describeCliError(new CrossdockError('NOT_FOUND', 'no host x', { advice: 'reboot' }))).toBe(
      'crossdock: no host x (NOT_FOUND)',
    );
  });
});
