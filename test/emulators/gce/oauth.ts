import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unauthenticated, type GceError } from './errors.js';
import { verifyRs256 } from './jwt.js';

/** Universe the emulator's service account belongs to (see {@link ServiceAccount}). */
export const emulatorUniverse = 'crossdock-emulator.test';
const tokenLifetimeSeconds = 3600;
const computeScopes = ['https://www.googleapis.com/auth/compute', 'https://www.googleapis.com/auth/cloud-platform'];

/**
 * A service-account key file as the Cloud console downloads it. `universe_domain` names a
 * universe other than googleapis.com on purpose: google-auth-library for Node ignores
 * `token_uri` for service accounts (gtoken hard-codes https://oauth2.googleapis.com/token), and
 * outside the default universe it authenticates the way Google's APIs also accept, with a
 * self-signed JWT per call instead of a token exchange. The client is pointed here by passing
 * the same `universeDomain` (which the SDK requires to match the key anyway).
 */
export interface ServiceAccountJson {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  universe_domain: string;
}

/** The emulator's one service account and the bearer tokens it has issued. */
export class ServiceAccount {
  readonly json: ServiceAccountJson;
  private readonly publicKey: KeyObject;
  private readonly tokens = new Map<string, number>();

  constructor(project: string, endpoint: string) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.publicKey = publicKey;
    this.json = {
      type: 'service_account',
      project_id: project,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: `crossdock-emulator@${project}.iam.gserviceaccount.com`,
      client_id: String(100_000_000_000_000_000_000n + BigInt(randomBytes(4).readUInt32BE())),
      auth_uri: `${endpoint}/o/oauth2/auth`,
      token_uri: `${endpoint}/token`,
      universe_domain: emulatorUniverse,
    };
  }

  /**
   * POST /token with `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…`:
   * the RS256 assertion must be signed by this account's key, issued by its email, addressed to
   * this token URI, and unexpired. Answers in OAuth's own error format, as Google's does.
   */
  handleToken(body: string, res: ServerResponse): void {
    const form = new URLSearchParams(body);
    const refuse = (error: string, description: string): void => {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error, error_description: description }));
    };
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      refuse('unsupported_grant_type', 'Invalid grant_type: ' + (form.get('grant_type') ?? ''));
      return;
    }
    const verified = verifyRs256(form.get('assertion') ?? '', this.publicKey);
    if (!verified.ok) return refuse('invalid_grant', verified.reason);
    const { claims } = verified;
    if (claims.iss !== this.json.client_email) return refuse('invalid_grant', 'Invalid JWT: unknown issuer.');
    if (claims.aud !== this.json.token_uri) return refuse('invalid_grant', 'Invalid JWT audience.');
    const token = `ya29.emulator-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, Date.now() + tokenLifetimeSeconds * 1000);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: token, expires_in: tokenLifetimeSeconds, token_type: 'Bearer' }));
  }

  /**
   * Checks an API call's `Authorization: Bearer …`: either an access token from /token, or a
   * self-signed JWT of this account (audience the Compute service, or a Compute scope).
   * Returns the refusal, or undefined when the call may proceed.
   */
  authenticate(req: IncomingMessage): GceError | undefined {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match?.[1]) {
      return unauthenticated(
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    const token = match[1];
    const expiry = this.tokens.get(token);
    if (expiry !== undefined)
      return expiry > Date.now()
        ? undefined
        : unauthenticated('Request had invalid authentication credentials. Token expired.');
    const verified = verifyRs256(token, this.publicKey);
    if (!verified.ok) return unauthenticated(`Request had invalid authentication credentials. ${verified.reason}`);
    const { claims } = verified;
    // Compute, and the Cloud Billing Catalog (prices) the emulator also serves.
    const audienceOk = ['compute', 'cloudbilling'].some(
      (api) => claims.aud === `https://${api}.googleapis.com/` || claims.aud === `https://${api}.${emulatorUniverse}/`,
    );
    const scopeOk = (claims.scope ?? '').split(' ').some((scope) => computeScopes.includes(scope));
    if (claims.iss !== this.json.client_email || !(audienceOk || scopeOk)) {
      return unauthenticated('Request had invalid authentication credentials. Wrong issuer, audience or scope.');
    }
    return undefined;
  }

  /** The public half, for tests that want to show a foreign key is refused. */
  get publicKeyPem(): string {
    return createPublicKey(this.publicKey).export({ type: 'spki', format: 'pem' }).toString();
  }
}
