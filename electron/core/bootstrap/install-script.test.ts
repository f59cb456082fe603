import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETECT_SCRIPT } from './detect-script.js';
import { choosePlan } from './install-plans.js';
import { installScript } from './install-script.js';
import { parseOsRelease } from './os-release.js';
import { daemonFactsScript, daemonWriteScript, groupScript, killTreeScript, serviceScript } from './service-script.js';

function shellcheck(script: string): string {
  const result = spawnSync('shellcheck', ['--shell=sh', '--severity=style', '-'], { input: script, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.stdout;
}

const fixtures = readdirSync(new URL('./testdata/', import.meta.url)).filter((name) => name !== 'gentoo');

describe('generated scripts pass shellcheck', () => {
  it.each(fixtures)('install script for %s', (name) => {
    const os = parseOsRelease(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
    const plan = choosePlan(os, os.id === 'raspbian' ? 'armhf' : 'amd64');
    expect(shellcheck(installScript(plan))).toBe('');
    if (plan.distribution)
      expect(shellcheck(installScript(choosePlan(os, 'amd64', { distributionPackagesOnly: true })))).toBe('');
  });

  it.each(['systemd', 'openrc', 'other'] as const)('service script for init %s', (init) => {
    expect(shellcheck(serviceScript(init, true))).toBe('');
    expect(shellcheck(serviceScript(init, false))).toBe('');
  });

  it('detect, docker group, daemon.json and kill scripts', () => {
    for (const script of [
      DETECT_SCRIPT,
      groupScript("o'brien"),
      daemonFactsScript(),
      daemonWriteScript('{"a": 1}\n'),
      killTreeScript(42),
    ]) {
      expect(shellcheck(script)).toBe('');
    }
  });
});

describe('install script', () => {
  const debian = choosePlan(parseOsRelease('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n'), 'amd64');

  it("prefers Docker's repository and falls back to the distribution package, saying so", () => {
    const script = installScript(debian);
    expect(script).toContain("reachable 'https://download.docker.com/linux/debian/gpg'");
    expect(script.indexOf("'docker-ce'")).toBeLessThan(script.indexOf("'docker.io'"));
    expect(script).toMatch(/could not be reached or used: installing the distribution/);
  });

  it('leaves an installed Docker alone', () => {
    expect(installScript(debian)).toMatch(/if command -v dockerd[^\n]*\n[^\n]*@crossdock unchanged/);
  });

  it('quotes the login user for the docker group', () => {
    expect(groupScript("o'brien")).toContain(`LOGIN_USER='o'\\''brien'`);
  });
});
