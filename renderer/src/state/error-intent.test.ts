import { describe, expect, it } from 'vitest';
import type { CoreFailure } from './core-call.js';
import { errorIntent } from './error-intent.js';

const FP_NEW = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const FP_OLD = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s';

const failure = (
  code: CoreFailure['code'],
  details: CoreFailure['details'] = {},
  message = 'It failed',
): CoreFailure => ({ code, message, details, silent: false });

describe('errorIntent', () => {
  it('asks to create the vault when it was never set up, and to unlock it otherwise', () => {
    expect(errorIntent(failure('VAULT_LOCKED', { initialized: false }))).toEqual({
      kind: 'unlock-vault',
      create: true,
    });
    expect(errorIntent(failure('VAULT_LOCKED', { initialized: true }))).toEqual({
      kind: 'unlock-vault',
      create: false,
    });
    expect(errorIntent(failure('VAULT_LOCKED'))).toEqual({ kind: 'unlock-vault', create: false });
    // Unlocking a vault that does not exist: offer to create it, not to retry the passphrase.
    expect(errorIntent(failure('VAULT_NOT_INITIALIZED'))).toEqual({ kind: 'unlock-vault', create: true });
  });

  it('says what to do about the states that have their own codes, where the generic one has no hint', () => {
    expect(errorIntent(failure('VAULT_DAMAGED'))).toMatchObject({
      kind: 'message',
      hint: expect.stringContaining('backup'),
    });
    expect(errorIntent(failure('KEYCHAIN_UNAVAILABLE'))).toMatchObject({
      kind: 'message',
      hint: expect.stringContaining('passphrase'),
    });
    expect(errorIntent(failure('SUDO_PASSWORD_REQUIRED', { host: 'pw@h', refused: true }))).toMatchObject({
      kind: 'message',
      hint: expect.stringContaining('sudo password'),
    });
    expect(errorIntent(failure('ALREADY_RUNNING', { project: 'shop' }))).toMatchObject({
      kind: 'message',
      hint: expect.stringContaining('Jobs'),
    });
    expect(errorIntent(failure('CONTAINER_UNHEALTHY', { host: 'h', container: 'db' }))).toMatchObject({
      kind: 'message',
      hint: expect.stringContaining('log'),
    });
    expect(errorIntent(failure('FAILED_PRECONDITION'))).toMatchObject({
      kind: 'message',
      code: 'FAILED_PRECONDITION',
      hint: null,
    });
  });

  it('turns an unknown host key into a question carrying the fingerprint to show', () => {
    const intent = errorIntent(
      failure('HOST_KEY_UNKNOWN', {
        host: 'root@10.0.0.5:22',
        fingerprint: FP_NEW,
        keyType: 'ssh-ed25519',
        knownFingerprints: [],
      }),
    );
    expect(intent).toEqual({
      kind: 'confirm-host-key',
      host: 'root@10.0.0.5:22',
      fingerprint: FP_NEW,
      keyType: 'ssh-ed25519',
      knownFingerprints: [],
      pinnedFor: [],
    });
    const again = errorIntent(
      failure('HOST_KEY_UNKNOWN', {
        host: 'root@10.0.0.5:22',
        fingerprint: FP_NEW,
        keyType: 'ssh-ed25519',
        knownFingerprints: [],
        pinnedFor: ['web-1'],
      }),
    );
    expect(again).toMatchObject({ kind: 'confirm-host-key', pinnedFor: ['web-1'] });
  });

  it('never offers to trust an unknown key whose fingerprint it was not told', () => {
    expect(errorIntent(failure('HOST_KEY_UNKNOWN', { host: 'h' }, 'Unknown key')).kind).toBe('message');
  });

  it('names the expected and the presented fingerprints of a changed key, and offers no trust', () => {
    const intent = errorIntent(
      failure('HOST_KEY_MISMATCH', {
        host: 'h',
        expectedFingerprints: [FP_OLD],
        fingerprint: FP_NEW,
        keyType: 'ssh-ed25519',
      }),
    );
    expect(intent).toEqual({
      kind: 'host-key-changed',
      host: 'h',
      expected: [FP_OLD],
      presented: FP_NEW,
      keyType: 'ssh-ed25519',
    });
  });

  it('reads a changed key whose details use single-value names', () => {
    const intent = errorIntent(
      failure('HOST_KEY_MISMATCH', { expectedFingerprint: FP_OLD, presentedFingerprint: FP_NEW }),
    );
    expect(intent).toMatchObject({ expected: [FP_OLD], presented: FP_NEW });
  });

  it('asks for the passphrase of an encrypted key', () => {
    expect(errorIntent(failure('KEY_PASSPHRASE_REQUIRED', {}, 'The key is protected'))).toEqual({
      kind: 'key-passphrase',
      message: 'The key is protected',
    });
  });

  it("adds what to check to connection failures, and keeps the core's sentence", () => {
    const intent = errorIntent(failure('HOST_UNREACHABLE', {}, 'Nothing answered at 10.0.0.9:22 within 10 s'));
    expect(intent).toMatchObject({
      kind: 'message',
      message: 'Nothing answered at 10.0.0.9:22 within 10 s',
      code: 'HOST_UNREACHABLE',
    });
    expect(intent.kind === 'message' && intent.hint).toMatch(/address and port/);
    // The core's AUTH_FAILED sentence says what to check itself; a hint would repeat it.
    expect(errorIntent(failure('AUTH_FAILED'))).toMatchObject({ hint: null });
    expect(errorIntent(failure('DOCKER_UNAVAILABLE'))).toMatchObject({ hint: expect.stringContaining('Docker') });
  });

  it('shows other failures as they are, without a hint', () => {
    expect(errorIntent(failure('INTERNAL'))).toEqual({
      kind: 'message',
      message: 'It failed',
      code: 'INTERNAL',
      hint: null,
    });
    expect(errorIntent(failure(null))).toMatchObject({ kind: 'message', code: null, hint: null });
  });
});
