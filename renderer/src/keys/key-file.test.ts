import { describe, expect, it } from 'vitest';
import { MAX_KEY_FILE_BYTES, keyFileSizeProblem } from './key-file.js';

describe('keyFileSizeProblem', () => {
  it('accepts a file up to the limit', () => {
    expect(keyFileSizeProblem({ name: 'id_ed25519', size: 411 })).toBeNull();
    expect(keyFileSizeProblem({ name: 'id_rsa', size: MAX_KEY_FILE_BYTES })).toBeNull();
  });

  it('names a larger file and its size in KB', () => {
    expect(keyFileSizeProblem({ name: 'photo.jpg', size: 2 * 1024 * 1024 })).toBe(
      'photo.jpg is 2048 KB; a private key file is only a few KB. Pick the key file.',
    );
  });
});
