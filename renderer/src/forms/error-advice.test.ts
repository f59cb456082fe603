import { describe, expect, it } from 'vitest';
import { messageWithAdvice } from './error-advice.js';

describe('messageWithAdvice', () => {
  it('words the auto-ports remedy as the deploy form option, not the CLI flag', () => {
    const text = messageWithAdvice({
      message: 'host web-1: port 8080/tcp is taken by container shop-web-1; choose another port',
      details: { advice: 'auto-ports' },
    });
    expect(text).toBe(
      'host web-1: port 8080/tcp is taken by container shop-web-1; choose another port or tick “Assign free ports when taken” and deploy again',
    );
    expect(text).not.toMatch(/--auto-ports/);
  });

  it('leaves a message without known advice as it is', () => {
    expect(messageWithAdvice({ message: 'no free port is left on the host', details: {} })).toBe(
      'no free port is left on the host',
    );
    expect(messageWithAdvice({ message: 'x', details: { advice: 'reboot' } })).toBe('x');
    expect(messageWithAdvice({ message: 'x' })).toBe('x');
  });
});
