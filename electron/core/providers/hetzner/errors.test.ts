import { describe, expect, it } from 'vitest';
import { HetznerApiError } from './client.js';
import { toCrossdockError } from './errors.js';

describe('Hetzner errors', () => {
  it('map documented codes to Crossdock codes that name the provider', () => {
    const cases: [HetznerApiError, string][] = [
      [new HetznerApiError(401, 'unauthorized', 'unable to authenticate'), 'PROVIDER_AUTH_FAILED'],
      [new HetznerApiError(404, 'not_found', 'server not found'), 'NOT_FOUND'],
      [new HetznerApiError(409, 'uniqueness_error', 'name used'), 'ALREADY_EXISTS'],
      [new HetznerApiError(400, 'invalid_input', 'bad location'), 'INVALID_ARGUMENT'],
      [new HetznerApiError(403, 'resource_limit_exceeded', 'server limit'), 'NO_SPACE'],
      [new HetznerApiError(429, 'rate_limit_exceeded', 'slow down', 30), 'NO_SPACE'],
    ];
    for (const [error, code] of cases) {
      const mapped = toCrossdockError(error, 'hz', 'server web') as { code: string; message: string };
      expect(mapped.code).toBe(code);
      expect(mapped.message).toContain('Hetzner Cloud (hz)');
    }
  });

  it('leave unexpected failures alone', () => {
    const outage = new HetznerApiError(503, 'unavailable', 'maintenance');
    expect(toCrossdockError(outage, 'hz', 'x')).toBe(outage);
    const network = new TypeError('fetch failed');
    expect(toCrossdockError(network, 'hz', 'x')).toBe(network);
  });
});
