import { describe, expect, it } from 'vitest';
import { PackageProgress, parseAptStatus, parseRpmProgress } from './package-progress.js';

describe('apt status lines', () => {
  it('reads downloads, dpkg actions and errors (lines as apt-get 2.6 writes them)', () => {
    expect(parseAptStatus('dlstatus:27:19.8473:Retrieving file 27 of 131')).toEqual({
      kind: 'download',
      percent: 19.8473,
      file: 27,
      files: 131,
      text: 'Retrieving file 27 of 131',
    });
    expect(parseAptStatus('pmstatus:runc:41.9048:Unpacking runc (amd64)')).toEqual({
      kind: 'install',
      percent: 41.9048,
      package: 'runc',
      text: 'Unpacking runc (amd64)',
    });
    // Multi-arch names carry the architecture after a colon; the percentage is the first number field.
    expect(parseAptStatus('pmstatus:libc6:amd64:12.5:Configuring libc6:amd64')).toMatchObject({
      package: 'libc6:amd64',
      percent: 12.5,
      text: 'Configuring libc6:amd64',
    });
    expect(parseAptStatus('pmstatus:dpkg-exec:0.0000:Running dpkg')).toMatchObject({
      package: 'dpkg-exec',
      percent: 0,
    });
    expect(
      parseAptStatus(
        'pmerror:/var/cache/apt/archives/x_1_amd64.deb:75:trying to overwrite /usr/bin/x, which is also in package y',
      ),
    ).toEqual({
      kind: 'error',
      package: '/var/cache/apt/archives/x_1_amd64.deb',
      text: 'trying to overwrite /usr/bin/x, which is also in package y',
    });
    expect(parseAptStatus('dlstatus:1:9.05654:Downloading file 1 of 3 (4m40s remaining)')).toMatchObject({
      file: 1,
      files: 3,
    });
  });

  it('leaves ordinary output alone', () => {
    for (const line of [
      'Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8790 kB]',
      'Unpacking runc (1.1.5+ds1-1+deb12u1) ...',
      'debconf: delaying package configuration, since apt-utils is not installed',
      'E: Unable to locate package docker.io',
      '',
    ])
      expect(parseAptStatus(line)).toBeNull();
  });
});

describe('dnf and yum progress lines', () => {
  it('reads numbered downloads and transaction actions', () => {
    expect(
      parseRpmProgress('(3/12): containerd.io-1.6.33-3.1.el9.x86_64.rpm            5.1 MB/s |  43 MB     00:08'),
    ).toMatchObject({ kind: 'download', file: 3, files: 12, percent: 25 });
    expect(
      parseRpmProgress('  Installing       : containerd.io-1.6.33-3.1.el9.x86_64                         6/12 '),
    ).toMatchObject({ kind: 'install', percent: 45, package: 'containerd.io-1.6.33-3.1.el9.x86_64' });
    expect(
      parseRpmProgress('  Running scriptlet: docker-ce-3:27.1.1-1.el9.x86_64                             12/12 '),
    ).toMatchObject({ kind: 'install', percent: 90, text: 'Running scriptlet docker-ce-3:27.1.1-1.el9.x86_64' });
    expect(
      parseRpmProgress('  Verifying        : runc-1.1.12-4.el9.x86_64                            6/12'),
    ).toMatchObject({ percent: 95 });
    expect(parseRpmProgress('Installed:')).toBeNull();
    expect(parseRpmProgress('Docker CE Stable - x86_64         123 kB/s |  54 kB     00:00')).toBeNull();
  });
});

function tracker(manager: 'apt' | 'rpm' | 'other' = 'apt') {
  const progress: { part: number; detail: string }[] = [];
  const log: string[] = [];
  const packages = new PackageProgress(
    { progress: (part, detail) => progress.push({ part, detail }), log: (text) => log.push(text) },
    manager,
  );
  return { packages, progress, log };
}

/** The stderr of the install script's apt-get runs: markers, then status lines (as on a Debian 12 machine). */
function aptTranscript(): string[] {
  const lines = ['@crossdock phase index'];
  for (let file = 1; file <= 9; file++)
    lines.push(`dlstatus:${file}:${((file - 1) / 9) * 100}:Retrieving file ${file} of 9`);
  lines.push('@crossdock phase install');
  for (let file = 1; file <= 131; file++)
    lines.push(`dlstatus:${file}:${((file - 1) / 131) * 100}:Retrieving file ${file} of 131`);
  lines.push('debconf: delaying package configuration, since apt-utils is not installed');
  const actions = ['Preparing', 'Unpacking', 'Installing', 'Preparing to configure', 'Configuring', 'Installed'];
  let step = 0;
  for (let pkg = 1; pkg <= 40; pkg++)
    for (const action of actions) lines.push(`pmstatus:pkg${pkg}:${(step++ / 240) * 100}:${action} pkg${pkg} (amd64)`);
  return lines;
}

describe('package progress', () => {
  it('moves through the index, the downloads and dpkg, reporting each whole percent once', () => {
    const { packages, progress, log } = tracker();
    const swallowed = aptTranscript().filter((line) => {
      const marker = /^@crossdock phase (\S+)$/.exec(line);
      if (marker) {
        packages.marker(marker[1] ?? '');
        return true;
      }
      return packages.line(line);
    });
    // Only ordinary output is left for the log as it is.
    expect(aptTranscript().filter((line) => !swallowed.includes(line))).toEqual([
      'debconf: delaying package configuration, since apt-utils is not installed',
    ]);

    const parts = progress.map((p) => p.part);
    expect(parts.every((part, i) => i === 0 || part > (parts[i - 1] ?? 0))).toBe(true);
    expect(new Set(parts.map((part) => Math.floor(part * 100))).size).toBe(parts.length);
    expect(parts[0]).toBe(0);
    expect(parts.at(-1)).toBeGreaterThanOrEqual(0.99);
    expect(progress.length).toBeGreaterThan(50);
    expect(progress.length).toBeLessThanOrEqual(101);

    expect(progress.find((p) => p.part >= 0.05 && p.part < 0.1)?.detail).toMatch(
      /^Updating the package index: file \d of 9$/,
    );
    expect(progress.find((p) => p.part >= 0.2 && p.part < 0.4)?.detail).toMatch(
      /^Downloading packages: file \d+ of 131$/,
    );
    expect(progress.at(-1)?.detail).toMatch(/^Installing packages, 9\d%: \w+ pkg40 \(amd64\)$/);

    expect(log).toEqual([
      'updating the package index',
      'updating the package index: 20%, Updating the package index: file 3 of 9',
      'updating the package index: 40%, Updating the package index: file 5 of 9',
      'updating the package index: 60%, Updating the package index: file 7 of 9',
      'updating the package index: 80%, Updating the package index: file 9 of 9',
      'downloading the packages (131 files)',
      'downloading the packages: 20%, Downloading packages: file 28 of 131',
      'downloading the packages: 40%, Downloading packages: file 54 of 131',
      'downloading the packages: 60%, Downloading packages: file 80 of 131',
      'downloading the packages: 80%, Downloading packages: file 106 of 131',
      'unpacking and configuring the packages',
      'unpacking and configuring the packages: 20%, Installing packages, 20%: Preparing pkg9 (amd64)',
      'unpacking and configuring the packages: 40%, Installing packages, 40%: Preparing pkg17 (amd64)',
      'unpacking and configuring the packages: 60%, Installing packages, 60%: Preparing pkg25 (amd64)',
      'unpacking and configuring the packages: 80%, Installing packages, 80%: Preparing pkg33 (amd64)',
    ]);
  });

  it('starts again when apt-get runs again (the fallback after a failed repository install)', () => {
    const { packages, progress } = tracker();
    packages.marker('install');
    packages.line('pmstatus:docker-ce:50:Unpacking docker-ce (amd64)');
    packages.marker('index');
    packages.line('dlstatus:1:0:Retrieving file 1 of 9');
    expect(progress.map((p) => p.part)).toEqual([0.7, 0]);
  });

  it('logs dpkg errors, and reads dnf lines without taking them out of the log', () => {
    const apt = tracker();
    apt.packages.line('pmerror:/var/cache/apt/archives/x.deb:75:trying to overwrite /usr/bin/x');
    expect(apt.log).toEqual(['package error: /var/cache/apt/archives/x.deb: trying to overwrite /usr/bin/x']);

    const dnf = tracker('rpm');
    expect(dnf.packages.line('(6/12): runc-1.1.12-4.el9.x86_64.rpm   2.0 MB/s | 3.1 MB  00:01')).toBe(false);
    expect(dnf.packages.line('  Installing       : runc-1.1.12-4.el9.x86_64       6/12')).toBe(false);
    expect(dnf.progress.map((p) => [Math.round(p.part * 100), p.detail])).toEqual([
      [25, 'Downloading packages: file 6 of 12'],
      [67, 'Installing packages, 45%: Installing runc-1.1.12-4.el9.x86_64'],
    ]);
    // Other package managers: their lines go to the log as they are, with no progress.
    const apk = tracker('other');
    expect(apk.packages.line('pmstatus:x:50:Unpacking x')).toBe(false);
    expect(apk.progress).toEqual([]);
  });
});
