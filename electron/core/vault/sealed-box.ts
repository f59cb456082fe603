import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256-GCM ciphertext as stored in the vault file (all fields base64). */
export interface SealedBox {
  iv: string;
  tag: string;
  data: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * Encrypts `plain` under `key`. `aad` names what the box holds (a secret's id, "the data key"),
 * so a box copied to another place in the file fails to open instead of decrypting there.
 */
export function seal(key: Buffer, plain: Buffer, aad: string): SealedBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Decrypts a box; `null` when the key, the AAD or any byte of the box is not the original. */
export function open(key: Buffer, box: SealedBox, aad: string): Buffer | null {
  const iv = Buffer.from(box.iv, 'base64');
  const tag = Buffer.from(box.tag, 'base64');
  // GCM would otherwise accept a truncated tag, which makes forgeries cheaper.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    const update = decipher.update(Buffer.from(box.data, 'base64'));
    const final = decipher.final();
    const plain = Buffer.concat([update, final]);
    update.fill(0);
    return plain;
  } catch {
    // Only an authentication failure gets here: the inputs were validated above.
    return null;
  }
}
