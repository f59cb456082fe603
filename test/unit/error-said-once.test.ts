import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CrossdockError } from '../../shared/errors.js';
import { readPrivateKey } from '../../electron/core/keys/private-key.js';
import { toConnectError, type Ssh2Error } from '../../electron/core/ssh/connect-errors.js';
import { errorIntent } from '../../renderer/src/state/error-intent.js';

/** What the app shows for a failure: the core's message, then its hint, if any. */
function shown(error: CrossdockError): string {
  const intent = errorIntent({ code: error.code, message: error.message, details: error.details, silent: false });
  if (intent.kind !== 'message') throw new Error(`expected a message, got ${intent.kind}`);
  return [intent.message, intent.hint].filter(Boolean).join(' ');
}

/** Three-word runs that appear more than once: the text says something twice. */
function repeats(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9@./~_-]+/g) ?? [];
  const seen = new Map<string, number>();
  for (let i = 0; i + 3 <= words.length; i++) {
    const run = words.slice(i, i + 3).join(' ');
    seen.set(run, (seen.get(run) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([run]) => run);
}

function caught(fn: () => unknown): CrossdockError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CrossdockError) return error;
    throw error;
  }
  throw new Error('expected a CrossdockError');
}

describe('a wrong key is said once, with what to do', () => {
  it('a login the server refuses (AUTH_FAILED)', () => {
    const refused = Object.assign(new Error('All configured authentication methods failed'), {
      level: 'client-authentication',
    }) as Ssh2Error;
    const text = shown(toConnectError(refused, 'root@203.0.113.10:22', 10_000));
    expect(repeats(text)).toEqual([]);
    expect(text.match(/refused/g)).toHaveLength(1);
    expect(text).toContain('authorized_keys');
  });

  it('a key ssh2 cannot read, a public key given as the private one, a file that is no key (KEY_INVALID)', () => {
    const unreadable = new Error('Cannot parse privateKey: Unsupported key format') as Ssh2Error;
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    for (const error of [
      toConnectError(unreadable, 'root@203.0.113.10:22', 10_000),
      caught(() => readPrivateKey(publicKey, undefined, 'id_ed25519.pub')),
      caught(() => readPrivateKey('not a key at all', undefined, 'notes.txt')),
    ]) {
      expect(error.code).toBe('KEY_INVALID');
      const text = shown(error);
      expect(repeats(text), text).toEqual([]);
      // The one sentence still says what to do.
      expect(text).toMatch(/import|choose/);
    }
  });
});
