import { describe, expect, it } from 'vitest';
import { mergeDaemonConfig } from './daemon-config.js';

describe('mergeDaemonConfig', () => {
  it('writes the defaults when there is no file', () => {
    const merged = mergeDaemonConfig(null);
    expect(merged.changed).toBe(true);
    expect(JSON.parse(merged.text)).toEqual({
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'live-restore': true,
    });
  });

  it('keeps every existing key and value, adding only what is missing', () => {
    const merged = mergeDaemonConfig('{"debug": true, "log-opts": {"max-size": "50m"}, "live-restore": false}', {
      'storage-driver': 'vfs',
    });
    expect(JSON.parse(merged.text)).toEqual({
      debug: true,
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '50m', 'max-file': '3' },
      'live-restore': false,
      'storage-driver': 'vfs',
    });
    expect(merged.added).toEqual(['log-driver', 'log-opts.max-file', 'storage-driver']);
  });

  it('leaves the options of another log driver alone', () => {
    const merged = mergeDaemonConfig('{"log-driver": "journald"}');
    expect(JSON.parse(merged.text)).toEqual({ 'log-driver': 'journald', 'live-restore': true });
  });

  it('reports no change on its own output (a second run)', () => {
    const once = mergeDaemonConfig('{"storage-driver": "overlay2"}', { 'storage-driver': 'vfs' });
    const twice = mergeDaemonConfig(once.text, { 'storage-driver': 'vfs' });
    expect(twice).toMatchObject({ changed: false, added: [] });
    expect(JSON.parse(twice.text)['storage-driver']).toBe('overlay2');
  });

  it('treats an empty file as none, and refuses to overwrite invalid JSON', () => {
    expect(mergeDaemonConfig('  \n').changed).toBe(true);
    expect(() => mergeDaemonConfig('{"debug": true,')).toThrow(/not valid JSON/);
    expect(() => mergeDaemonConfig('[1]')).toThrow(/not a JSON object/);
  });
});
