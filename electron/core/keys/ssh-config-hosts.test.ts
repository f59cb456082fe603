import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSshConfigHosts } from './ssh-config-hosts.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sshDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-sshconfig-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('readSshConfigHosts', () => {
  it('lists concrete hosts with the values ssh would use, skipping patterns', () => {
    const dir = sshDir({
      config: [
        'Host web db',
        '  HostName %h.example.com',
        '  User deploy',
        'Host bastion',
        '  HostName 203.0.113.7',
        '  Port 2222',
        '  IdentityFile ~/.ssh/id_bastion',
        'Host *.internal !secret.internal',
        '  User internal',
        'Host *',
        '  User fallback',
        '  IdentityFile %d/.ssh/id_default',
        '',
      ].join('\n'),
    });
    expect(readSshConfigHosts(join(dir, 'config'), '/home/ada')).toEqual([
      { alias: 'web', hostName: 'web.example.com', user: 'deploy', identityFile: '/home/ada/.ssh/id_default' },
      { alias: 'db', hostName: 'db.example.com', user: 'deploy', identityFile: '/home/ada/.ssh/id_default' },
      {
        alias: 'bastion',
        hostName: '203.0.113.7',
        user: 'fallback',
        port: 2222,
        identityFile: '/home/ada/.ssh/id_bastion',
      },
    ]);
  });

  it('follows Include, relative to the config directory and with globs, without looping', () => {
    const dir = sshDir({
      config: 'Include config.d/*.conf\nInclude config\nHost main\n  User me\n',
      'config.d/a.conf': 'Host alpha\n  HostName 10.0.0.1\n',
      'config.d/b.conf': 'Host beta\n  HostName 10.0.0.2\n  Port 22022\n',
      'config.d/ignored.txt': 'Host gamma\n',
    });
    expect(readSshConfigHosts(join(dir, 'config'), '/home/ada')).toEqual([
      { alias: 'alpha', hostName: '10.0.0.1' },
      { alias: 'beta', hostName: '10.0.0.2', port: 22022 },
      { alias: 'main', hostName: 'main', user: 'me' },
    ]);
  });

  it('never runs Match exec commands while reading suggestions', () => {
    const dir = sshDir({});
    const marker = join(dir, 'ran');
    writeFileSync(
      join(dir, 'config'),
      `Match exec "touch ${marker}"\n  User hacked\nHost box\n  HostName box.example\n`,
    );
    expect(readSshConfigHosts(join(dir, 'config'), '/home/ada')).toEqual([{ alias: 'box', hostName: 'box.example' }]);
    expect(existsSync(marker)).toBe(false);
  });

  it('a missing file is an empty list', () => {
    expect(readSshConfigHosts(join(sshDir({}), 'config'))).toEqual([]);
  });
});
