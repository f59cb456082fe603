import { describe, expect, it } from 'vitest';
import { isLoopbackRegistry, normalizeRegistry, registryOfImage } from './registry-name.js';
import { registriesSchemas } from './registries.js';

describe('normalizeRegistry', () => {
  it('folds every spelling of Docker Hub into docker.io', () => {
    for (const hub of [
      'docker.io',
      'index.docker.io',
      'registry-1.docker.io',
      'https://index.docker.io/v1/',
      'HTTPS://Index.Docker.IO/v1/',
      ' registry-1.docker.io ',
    ])
      expect(normalizeRegistry(hub), hub).toBe('docker.io');
  });

  it('keeps host and port, drops scheme and path, lowers case', () => {
    expect(normalizeRegistry('GHCR.io')).toBe('ghcr.io');
    expect(normalizeRegistry('registry.example.com:5000')).toBe('registry.example.com:5000');
    expect(normalizeRegistry('https://registry.example.com:5000/v2/')).toBe('registry.example.com:5000');
    expect(normalizeRegistry('http://localhost:5000')).toBe('localhost:5000');
    expect(normalizeRegistry('10.0.0.5:443')).toBe('10.0.0.5:443');
    expect(normalizeRegistry('[::1]:5000')).toBe('[::1]:5000');
    // Hub on another port is not Hub.
    expect(normalizeRegistry('docker.io:5000')).toBe('docker.io:5000');
  });

  it('refuses what names no registry', () => {
    for (const bad of [
      '',
      '   ',
      'has space.io',
      'host:0',
      'host:70000',
      'under_score.io',
      '-bad.io',
      'a..b',
      'x'.repeat(301),
    ])
      expect(normalizeRegistry(bad), bad).toBeNull();
  });
});

describe('registryOfImage', () => {
  it('decides as Docker does', () => {
    expect(registryOfImage('postgres:16')).toBe('docker.io');
    expect(registryOfImage('library/postgres')).toBe('docker.io');
    expect(registryOfImage('bitnami/redis:7')).toBe('docker.io');
    expect(registryOfImage('ghcr.io/org/app:1')).toBe('ghcr.io');
    expect(registryOfImage('localhost/app')).toBe('localhost');
    expect(registryOfImage('localhost:5000/app')).toBe('localhost:5000');
    expect(registryOfImage('index.docker.io/library/debian')).toBe('docker.io');
    expect(registryOfImage('Registry.Example.com:5000/team/app@sha256:abc')).toBe('registry.example.com:5000');
  });
});

describe('isLoopbackRegistry', () => {
  it('knows this computer', () => {
    expect(isLoopbackRegistry('localhost:5000')).toBe(true);
    expect(isLoopbackRegistry('127.0.0.1:5000')).toBe(true);
    expect(isLoopbackRegistry('[::1]:5000')).toBe(true);
    expect(isLoopbackRegistry('10.0.0.1:5000')).toBe(false);
    expect(isLoopbackRegistry('localhost.example.com')).toBe(false);
  });
});

describe('registries contract', () => {
  it('refuses a login for a malformed registry and takes the usual spellings', () => {
    expect(registriesSchemas.login.safeParse({ registry: 'a b', username: 'u', password: 'p' }).success).toBe(false);
    expect(
      registriesSchemas.login.safeParse({ registry: 'https://index.docker.io/v1/', username: 'u', password: 'p' })
        .success,
    ).toBe(true);
    expect(registriesSchemas.login.safeParse({ registry: 'ghcr.io', username: 'u', password: '' }).success).toBe(false);
    expect(registriesSchemas.test.safeParse({ registry: 'ghcr.io', extra: 1 }).success).toBe(false);
  });
});
