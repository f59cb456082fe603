import { createSign, createVerify, type KeyObject } from 'node:crypto';

/** Claims of a JWT, as far as the emulator reads them. */
export interface JwtClaims {
  iss?: string;
  sub?: string;
  aud?: string;
  scope?: string;
  iat?: number;
  exp?: number;
  [claim: string]: unknown;
}

/** A verified token, or why it was refused (refusals are expected input, not bugs). */
export type JwtResult = { ok: true; claims: JwtClaims; keyId?: string } | { ok: false; reason: string };

function decodeJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an RS256 JWT's header and signature against `publicKey` and that it has not expired.
 * Only RS256 is accepted: `alg: none` (an unsigned assertion) or HS256 (signed with the public
 * key as an HMAC secret) are the classic forgeries and must fail here, not further on.
 */
export function verifyRs256(token: string, publicKey: KeyObject, nowSeconds = Date.now() / 1000): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = decodeJson(headerPart);
    claims = decodeJson(payloadPart);
  } catch {
    return { ok: false, reason: 'malformed JWT' };
  }
  if (!isRecord(header) || !isRecord(claims)) return { ok: false, reason: 'malformed JWT' };
  if (header.alg !== 'RS256') return { ok: false, reason: `unsupported JWT algorithm ${String(header.alg)}` };
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${headerPart}.${payloadPart}`);
  if (!signaturePart || !verifier.verify(publicKey, Buffer.from(signaturePart, 'base64url'))) {
    return { ok: false, reason: 'Invalid JWT Signature.' };
  }
  const typed = claims as JwtClaims;
  if (typeof typed.exp !== 'number' || typed.exp <= nowSeconds) return { ok: false, reason: 'Token has expired.' };
  // Google refuses assertions valid for more than an hour; so does this.
  if (typeof typed.iat === 'number' && typed.exp - typed.iat > 3600) {
    return { ok: false, reason: 'Invalid JWT: Token must be a short-lived token (60 minutes).' };
  }
  const keyId = typeof header.kid === 'string' ? header.kid : undefined;
  return keyId === undefined ? { ok: true, claims: typed } : { ok: true, claims: typed, keyId };
}

/** Signs claims as RS256 (tests use it to make assertions the SDK would not make). */
export function signRs256(claims: JwtClaims, privateKey: KeyObject | string, keyId?: string): string {
  const header = keyId === undefined ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid: keyId };
  const body = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url');
  return `${body}.${signature}`;
}
