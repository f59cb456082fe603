import { describe, expect, it } from 'vitest';
import { classifyPullFailure, pullFailure } from './pull-errors.js';

const anon = { image: 'x:1', host: 'root@10.213.0.11:22', registry: '10.213.0.1:5443', withCredentials: false };
const authed = { ...anon, withCredentials: true };

describe('classifyPullFailure', () => {
  it.each([
    ['manifest for 10.213.0.1:5443/x:1 not found: manifest unknown: manifest unknown', anon, 'IMAGE_NOT_FOUND'],
    ["pull access denied for nosuch, repository does not exist or may require 'docker login'", anon, 'IMAGE_NOT_FOUND'],
    [
      "pull access denied for private, repository does not exist or may require 'docker login'",
      authed,
      'REGISTRY_AUTH_FAILED',
    ],
    ['Head "https://10.213.0.1:5443/v2/x/manifests/1": no basic auth credentials', anon, 'REGISTRY_AUTH_FAILED'],
    ['unauthorized: authentication required', authed, 'REGISTRY_AUTH_FAILED'],
    [
      'Get "https://10.213.0.1:5443/v2/": dial tcp 10.213.0.1:5443: connect: connection refused',
      anon,
      'REGISTRY_UNREACHABLE',
    ],
    ['Get "https://nowhere.invalid/v2/": dial tcp: lookup nowhere.invalid: no such host', anon, 'REGISTRY_UNREACHABLE'],
    ['Get "https://r/v2/": x509: certificate signed by unknown authority', anon, 'REGISTRY_UNREACHABLE'],
    ['net/http: request canceled while waiting for connection (Client.Timeout exceeded)', anon, 'REGISTRY_UNREACHABLE'],
  ] as const)('%s → %s', (message, context, code) => {
    expect(classifyPullFailure(message, context)).toBe(code);
  });

  it('names image, host and registry in message and details', () => {
    const error = pullFailure('manifest unknown', anon);
    expect(error.code).toBe('IMAGE_NOT_FOUND');
    expect(error.message).toContain('x:1');
    expect(error.message).toContain('root@10.213.0.11:22');
    expect(error.message).toContain('10.213.0.1:5443');
    expect(error.details).toMatchObject({ image: 'x:1', host: 'root@10.213.0.11:22', registry: '10.213.0.1:5443' });
  });
});
