import { describe, expect, it } from 'vitest';
import { parseAuthChallenge } from './www-authenticate.js';

describe('parseAuthChallenge', () => {
  it('reads a Bearer challenge with quoted parameters', () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/debian:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/debian:pull',
      },
    });
  });

  it('reads Basic, spaces after commas, bare tokens and escapes', () => {
    expect(parseAuthChallenge('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
    expect(parseAuthChallenge('bearer realm="http://h/t", service=reg, scope="a\\"b"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'http://h/t', service: 'reg', scope: 'a"b' },
    });
  });

  it('keeps the first of several challenges and answers null to nothing', () => {
    expect(parseAuthChallenge('Bearer realm="https://a/token", Basic realm="x"')?.params).toEqual({
      realm: 'https://a/token',
    });
    expect(parseAuthChallenge(null)).toBeNull();
    expect(parseAuthChallenge('')).toBeNull();
  });
});
