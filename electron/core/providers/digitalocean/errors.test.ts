import { describe, expect, it } from 'vitest';
import { DigitalOceanApiError } from './client.js';
import { toCrossdockError } from './errors.js';

describe('DigitalOcean errors', () => {
  it('map documented ids to Crossdock codes that name the provider', () => {
    const cases: [DigitalOceanApiError, string][] = [
      [new DigitalOceanApiError(401, 'unauthorized', 'Unable to authenticate you'), 'PROVIDER_AUTH_FAILED'],
      [
        new DigitalOceanApiError(403, 'forbidden', 'You are not authorized to perform this operation'),
        'PROVIDER_AUTH_FAILED',
      ],
      [new DigitalOceanApiError(404, 'not_found', 'The resource could not be found.'), 'NOT_FOUND'],
      [new DigitalOceanApiError(422, 'unprocessable_entity', 'You specified an invalid size'), 'INVALID_ARGUMENT'],
      [
        new DigitalOceanApiError(422, 'unprocessable_entity', 'creating this droplet will exceed your droplet limit'),
        'NO_SPACE',
      ],
      [
        new DigitalOceanApiError(422, 'unprocessable_entity', 'SSH Key is already in use on your account'),
        'ALREADY_EXISTS',
      ],
      [new DigitalOceanApiError(429, 'too_many_requests', 'API Rate limit exceeded.', 30), 'NO_SPACE'],
    ];
    for (const [error, code] of cases) {
      const mapped = toCrossdockError(error, 'do', 'droplet web') as { code: string; message: string };
      expect(mapped.code, error.message).toBe(code);
      expect(mapped.message).toContain('DigitalOcean (do)');
    }
  });

  it('leave unexpected failures alone', () => {
    const outage = new DigitalOceanApiError(503, 'service_unavailable', 'maintenance');
    expect(toCrossdockError(outage, 'do', 'x')).toBe(outage);
    const network = new TypeError('fetch failed');
    expect(toCrossdockError(network, 'do', 'x')).toBe(network);
  });
});
