import { describe, expect, it } from 'vitest';
import { formatImageRef, parseImageRef, registryOf } from './image-ref.js';

describe('parseImageRef', () => {
  it('puts one-component names on Docker Hub under library/ with tag latest', () => {
    expect(parseImageRef('postgres')).toEqual({
      registry: 'docker.io',
      repository: 'library/postgres',
      tag: 'latest',
      digest: null,
    });
    expect(parseImageRef('postgres:16')).toMatchObject({ repository: 'library/postgres', tag: '16' });
  });

  it('keeps user repositories on Docker Hub without library/', () => {
    expect(parseImageRef('grafana/grafana:11.0')).toEqual({
      registry: 'docker.io',
      repository: 'grafana/grafana',
      tag: '11.0',
      digest: null,
    });
  });

  it('reads a registry host from a first component with a dot, a port or localhost', () => {
    expect(registryOf('ghcr.io/owner/app:1')).toBe('ghcr.io');
    expect(parseImageRef('10.213.0.1:5443/crossdock/tiny:v1')).toEqual({
      registry: '10.213.0.1:5443',
      repository: 'crossdock/tiny',
      tag: 'v1',
      digest: null,
    });
    expect(registryOf('localhost/app')).toBe('localhost');
    expect(registryOf('registry:5000/app')).toBe('registry:5000');
    expect(registryOf('myorg/app')).toBe('docker.io');
  });

  it('normalises Docker Hub aliases', () => {
    expect(registryOf('index.docker.io/library/redis')).toBe('docker.io');
    expect(parseImageRef('docker.io/redis')).toMatchObject({ repository: 'library/redis' });
  });

  it('keeps digests and has no default tag with one', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageRef(`redis@${digest}`)).toMatchObject({ tag: null, digest });
    expect(parseImageRef(`redis:7@${digest}`)).toMatchObject({ tag: '7', digest });
    expect(formatImageRef(parseImageRef(`redis:7@${digest}`))).toBe(`docker.io/library/redis:7@${digest}`);
  });

  it('refuses what is not a reference, naming it', () => {
    expect(() => parseImageRef('')).toThrow(/empty/);
    expect(() => parseImageRef('Upper/Case')).toThrow(/Upper/);
    expect(() => parseImageRef('redis@sha256:short')).toThrow(/digest/);
    expect(() => parseImageRef('redis:bad tag')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
