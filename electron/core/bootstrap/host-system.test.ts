import { describe, expect, it } from 'vitest';
import { parseDetectOutput } from './host-system.js';
import { parseOsRelease } from './os-release.js';
import { privilegedCommand } from './privileged-shell.js';

describe('parseOsRelease', () => {
  it('reads quoted, unquoted and escaped values, and the Ubuntu codename', () => {
    const os = parseOsRelease(
      'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu \\"24.04\\""\nVERSION_ID=\'24.04\'\nUBUNTU_CODENAME=noble\n# comment\nbogus\n',
    );
    expect(os).toEqual({
      id: 'ubuntu',
      idLike: ['debian'],
      versionId: '24.04',
      codename: 'noble',
      prettyName: 'Ubuntu "24.04"',
    });
  });
});

describe('parseDetectOutput', () => {
  it('reads what the detect script printed', () => {
    const output = [
      '@os-release-begin',
      'ID=debian',
      'VERSION_ID="12"',
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      '@os-release-end',
      'machine=x86_64',
      'init=other',
      'pm=apt-get',
      'uid=1000',
      'sudo=nopasswd',
      'dockerd=Docker version 20.10.24+dfsg1, build 297e128',
      'running=yes',
      '',
    ].join('\n');
    expect(parseDetectOutput(output).system).toEqual({
      id: 'debian',
      idLike: [],
      versionId: '12',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      arch: 'amd64',
      init: 'other',
      packageManager: 'apt',
      privilege: 'sudo',
      docker: { installed: true, version: '20.10.24+dfsg1', running: true },
    });
  });

  it('tells sudo with a password, and no way to root, apart', () => {
    const base = '@os-release-begin\nID=alpine\n@os-release-end\nmachine=aarch64\ninit=openrc\npm=apk\nuid=1000\n';
    expect(parseDetectOutput(`${base}sudo=password\n`).system).toMatchObject({
      privilege: 'sudo-password',
      arch: 'arm64',
      init: 'openrc',
      packageManager: 'apk',
      docker: { installed: false },
    });
    expect(parseDetectOutput(`${base}sudo=missing\n`).system.privilege).toBe('none');
  });
});

describe('privilegedCommand', () => {
  it('sends a sudo password only on stdin, never in the command line', () => {
    const { command, stdin } = privilegedCommand("echo 'hi'", { mode: 'sudo-password', password: 's3cret' });
    expect(command).toBe(`sudo -k -S -p '' sh -c 'echo '\\''hi'\\'''`);
    expect(command).not.toContain('s3cret');
    expect(stdin).toBe('s3cret\n');
    expect(privilegedCommand('true', { mode: 'sudo' })).toEqual({ command: "sudo -n sh -c 'true'" });
    expect(privilegedCommand('true', { mode: 'root' })).toEqual({ command: "sh -c 'true'" });
  });
});
