/** SSH wire encodings (RFC 4251 §5) needed to write keys; reading is left to ssh2. */

export function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** A non-negative multiple-precision integer from its big-endian bytes. */
export function sshMpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length && unsigned[start] === 0) start++;
  const digits = unsigned.subarray(start);
  // A set high bit would read as negative, so such numbers get a leading zero byte.
  const needsPad = digits.length > 0 && (digits[0]! & 0x80) !== 0;
  return sshString(needsPad ? Buffer.concat([Buffer.from([0]), digits]) : digits);
}

export function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

/** Reads one `string` at `offset`; `null` if the buffer is too short. */
export function readSshString(buffer: Buffer, offset: number): { value: Buffer; next: number } | null {
  if (offset + 4 > buffer.length) return null;
  const length = buffer.readUInt32BE(offset);
  const end = offset + 4 + length;
  if (end > buffer.length) return null;
  return { value: buffer.subarray(offset + 4, end), next: end };
}
