import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CrossdockError } from '../../../shared/index.js';
import { choosePlan, normaliseArch } from './install-plans.js';
import { parseOsRelease } from './os-release.js';

const fixture = (name: string) => parseOsRelease(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const repo = 'https://download.docker.com/linux';

// Each fixture is the os-release a distribution documents; the plan is what it must get.
const EXPECTED: [
  string,
  { family: string; packageManager: string; upstream: string | null; codename?: string; distribution: string[] | null },
][] = [
  [
    'debian-12',
    {
      family: 'debian',
      packageManager: 'apt',
      upstream: `${repo}/debian`,
      codename: 'bookworm',
      distribution: ['docker.io'],
    },
  ],
  [
    'ubuntu-24.04',
    {
      family: 'debian',
      packageManager: 'apt',
      upstream: `${repo}/ubuntu`,
      codename: 'noble',
      distribution: ['docker.io'],
    },
  ],
  [
    'raspbian-12',
    {
      family: 'debian',
      packageManager: 'apt',
      upstream: `${repo}/raspbian`,
      codename: 'bookworm',
      distribution: ['docker.io'],
    },
  ],
  ['rhel-9.4', { family: 'rhel', packageManager: 'dnf', upstream: `${repo}/rhel`, distribution: null }],
  ['rocky-9.4', { family: 'rhel', packageManager: 'dnf', upstream: `${repo}/centos`, distribution: null }],
  ['almalinux-9.4', { family: 'rhel', packageManager: 'dnf', upstream: `${repo}/centos`, distribution: null }],
  ['centos-stream-9', { family: 'rhel', packageManager: 'dnf', upstream: `${repo}/centos`, distribution: null }],
  ['oracle-8.10', { family: 'rhel', packageManager: 'dnf', upstream: `${repo}/centos`, distribution: null }],
  ['fedora-41', { family: 'fedora', packageManager: 'dnf', upstream: `${repo}/fedora`, distribution: ['moby-engine'] }],
  ['amzn-2', { family: 'amazon', packageManager: 'yum', upstream: null, distribution: ['docker'] }],
  ['amzn-2023', { family: 'amazon', packageManager: 'dnf', upstream: null, distribution: ['docker'] }],
  ['sles-15.6', { family: 'suse', packageManager: 'zypper', upstream: null, distribution: ['docker'] }],
  ['opensuse-leap-15.6', { family: 'suse', packageManager: 'zypper', upstream: null, distribution: ['docker'] }],
  ['opensuse-tumbleweed', { family: 'suse', packageManager: 'zypper', upstream: null, distribution: ['docker'] }],
  ['alpine-3.20', { family: 'alpine', packageManager: 'apk', upstream: null, distribution: ['docker'] }],
  ['arch', { family: 'arch', packageManager: 'pacman', upstream: null, distribution: ['docker'] }],
];

describe('choosePlan', () => {
  it.each(EXPECTED)('%s gets the right plan', (name, expected) => {
    const plan = choosePlan(fixture(name), 'amd64');
    expect(plan.family).toBe(expected.family);
    expect(plan.packageManager).toBe(expected.packageManager);
    expect(plan.upstream?.url ?? null).toBe(expected.upstream);
    if (expected.codename) expect(plan.upstream?.codename).toBe(expected.codename);
    expect(plan.distribution).toEqual(expected.distribution);
  });

  it("drops Docker's repository when only distribution packages are wanted", () => {
    expect(choosePlan(fixture('debian-12'), 'arm64', { distributionPackagesOnly: true })).toMatchObject({
      upstream: null,
      distribution: ['docker.io'],
    });
  });

  it('refuses distribution packages only where the distribution ships no Docker', () => {
    expect(() => choosePlan(fixture('rocky-9.4'), 'amd64', { distributionPackagesOnly: true })).toThrow(
      /no Docker package of its own/,
    );
  });

  it('refuses an unknown system with UNSUPPORTED_OS naming it and listing what is supported', () => {
    const error = (() => {
      try {
        choosePlan(fixture('gentoo'), 'amd64');
      } catch (e) {
        return e as CrossdockError;
      }
      throw new Error('no error');
    })();
    expect(error.code).toBe('UNSUPPORTED_OS');
    expect(error.message).toMatch(/^Gentoo Linux \(gentoo 2\.15, amd64\)/);
    expect(error.details.supported).toContain('alpine');
  });

  it('refuses an architecture Docker is not installed on', () => {
    expect(() => choosePlan(fixture('debian-12'), 'ppc64le')).toThrow(/architecture/);
    expect(choosePlan(fixture('raspbian-12'), 'armhf').family).toBe('debian');
  });

  it('normalises uname -m', () => {
    expect(['x86_64', 'aarch64', 'armv7l', 's390x'].map(normaliseArch)).toEqual(['amd64', 'arm64', 'armhf', 's390x']);
  });
});
