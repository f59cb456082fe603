import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a SigV4 check needs to know about one HTTP request. */
export interface SignedRequest {
  method: string;
  /** Path and query exactly as received (`req.url`). */
  url: string;
  /** Header names lower-case, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The identity a request must be signed with. */
export interface SigningIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** Why a request was refused; `null` from verifySigV4 means it was accepted. */
export type SigV4Refusal = { reason: string };

// AWS refuses requests whose x-amz-date is more than 15 minutes off, so replays stay short-lived.
const maxSkewMs = 15 * 60_000;

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: only unreserved characters stay literal. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(search: string): string {
  const pairs = new URLSearchParams(search);
  return [...pairs]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Parses "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…". */
function parseAuthorization(header: string): { credential: string; signedHeaders: string[]; signature: string } | null {
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!match?.[1]) return null;
  const fields = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return null;
  return { credential, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * The region a request's credential scope names (`Credential=<key>/<date>/<region>/…`), or
 * undefined when it carries no readable SigV4 header. Says nothing about the signature's validity.
 */
export function credentialScopeRegion(headers: SignedRequest['headers']): string | undefined {
  const authorization = headerValue(headers, 'authorization');
  return authorization ? parseAuthorization(authorization)?.credential.split('/')[2] : undefined;
}

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way AWS does: rebuilds the
 * canonical request and string to sign from what was received, derives the signing key by the
 * HMAC chain (date, region, service, "aws4_request") and compares signatures in constant time.
 * Written by hand on purpose: the emulator must not share code with the SDK it is testing.
 */
export function verifySigV4(
  request: SignedRequest,
  identity: SigningIdentity,
  service: string,
  now: Date = new Date(),
): SigV4Refusal | null {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) return { reason: 'the request carries no Authorization header (unsigned)' };
  const auth = parseAuthorization(authorization);
  if (!auth) return { reason: 'the Authorization header is not AWS4-HMAC-SHA256' };

  const [accessKeyId, date, region, credService, terminator] = auth.credential.split('/');
  if (accessKeyId !== identity.accessKeyId) return { reason: 'the access key id is unknown' };
  if (region !== identity.region || credService !== service || terminator !== 'aws4_request' || !date) {
    return { reason: `the credential scope must be <date>/${identity.region}/${service}/aws4_request` };
  }
  const amzDate = headerValue(request.headers, 'x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(date)) {
    return { reason: 'x-amz-date is missing or does not match the credential date' };
  }
  const signedAt = Date.parse(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  if (Math.abs(now.getTime() - signedAt) > maxSkewMs) return { reason: 'the signature has expired' };
  if (!auth.signedHeaders.includes('host')) return { reason: 'the host header must be signed' };

  const url = new URL(request.url, 'http://emulator.invalid');
  // Non-S3 services encode each path segment (once more on top of the wire encoding).
  const canonicalUri =
    url.pathname
      .split('/')
      .map((s) => uriEncode(decodeURIComponent(s)))
      .join('/') || '/';
  const canonicalHeaders = auth.signedHeaders
    .map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256') ?? sha256Hex(request.body);
  if (payloadHash !== sha256Hex(request.body) && payloadHash !== 'UNSIGNED-PAYLOAD') {
    return { reason: 'x-amz-content-sha256 does not match the body' };
  }
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri,
    canonicalQuery(url.search),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${identity.secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const given = Buffer.from(auth.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { reason: 'the request signature does not match' };
  }
  return null;
}
