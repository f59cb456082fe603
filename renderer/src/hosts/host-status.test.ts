import { describe, expect, it } from 'vitest';
import { addedMessage, hostProblem, shortFingerprint } from './host-status.js';

const error = (code: 'HOST_KEY_MISMATCH' | 'HOST_UNREACHABLE' | 'INTERNAL', message = 'It failed') => ({
  code,
  message,
  details: {},
});

describe('hostProblem', () => {
  it('shows nothing for a connected host, even if an old error lingers', () => {
    expect(hostProblem({ status: 'connected', statusError: error('HOST_UNREACHABLE') })).toBeNull();
    expect(hostProblem({ status: 'error', statusError: null })).toBeNull();
  });

  it("summarises known failures and keeps the core's sentence", () => {
    expect(
      hostProblem({ status: 'error', statusError: error('HOST_UNREACHABLE', 'Nothing answered at 10.0.0.9:22') }),
    ).toEqual({
      summary: 'Unreachable',
      message: 'Nothing answered at 10.0.0.9:22',
      code: 'HOST_UNREACHABLE',
      severe: false,
    });
  });

  it('marks a changed host key as severe', () => {
    expect(hostProblem({ status: 'error', statusError: error('HOST_KEY_MISMATCH') })).toMatchObject({
      severe: true,
      summary: expect.stringContaining('changed'),
    });
  });

  it('falls back to the message for other codes', () => {
    expect(hostProblem({ status: 'disconnected', statusError: error('INTERNAL', 'Boom') })?.summary).toBe('Boom');
  });
});

describe('shortFingerprint', () => {
  it('keeps the prefix and the first characters', () => {
    expect(shortFingerprint('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU')).toBe('SHA256:47DEQpj8HBSa+/TI…');
    expect(shortFingerprint('SHA256:short')).toBe('SHA256:short');
  });
});

describe('addedMessage', () => {
  it('says where the new host’s containers show', () => {
    expect(addedMessage({ status: 'connected' })).toBe('Connected; its containers now show under Containers.');
    for (const status of ['idle', 'connecting'] as const)
      expect(addedMessage({ status })).toBe(
        'Connecting now; its containers show under Containers once it is connected.',
      );
  });

  it('gives any other status by its label', () => {
    expect(addedMessage({ status: 'error' })).toBe('Status: Error.');
    expect(addedMessage({ status: 'disconnected' })).toBe('Status: Disconnected.');
  });
});
