import { randomBytes } from 'node:crypto';

/** A uint64 resource id as Compute prints it: a decimal string (JSON has no 64-bit numbers). */
export function numericId(): string {
  return (randomBytes(8).readBigUInt64BE() >> 1n).toString();
}

/** Compute's name rule (RFC 1035 label): lowercase letter, then letters, digits, dashes. */
export function isValidName(name: unknown): name is string {
  return typeof name === 'string' && /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name);
}

/** The last segment of a full or partial resource URL (`zones/x/machineTypes/e2-small` → `e2-small`). */
export function lastSegment(url: string): string {
  return url.split('/').pop() ?? url;
}
