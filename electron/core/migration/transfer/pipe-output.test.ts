import { describe, expect, it } from 'vitest';
import { ddBytes, lostItsPartner, parseDirectPipeReport, splitPidLine } from './pipe-output.js';

describe('dd progress', () => {
  it('takes the highest byte count of status=progress lines ending in \\r, and the final summary', () => {
    const text =
      '1048576 bytes (1.0 MB, 1.0 MiB) copied, 1 s, 1.0 MB/s\r20971520 bytes (21 MB, 20 MiB) copied, 2 s, 10 MB/s\r';
    expect(ddBytes(text)).toBe(20971520);
    expect(
      ddBytes(`${text}\n0+802 records in\n0+802 records out\n50000000 bytes (50 MB, 48 MiB) copied, 2.5 s, 20 MB/s\n`),
    ).toBe(50000000);
    expect(ddBytes('dd: error writing: Broken pipe\n')).toBeNull();
  });
});

describe('the direct pipe report', () => {
  it('reads pid, statuses and length-prefixed files, whatever bytes they hold', () => {
    const consumerErr = 'tar: x\n@crossdock status 9 9\n';
    const out = Buffer.concat([
      Buffer.from('@crossdock pid 4242\n@crossdock status 0 2\n@crossdock file producer.err 0\n'),
      Buffer.from('@crossdock file consumer.out 6\nLoaded'),
      Buffer.from(`@crossdock file consumer.err ${Buffer.byteLength(consumerErr)}\n${consumerErr}`),
    ]);
    expect(parseDirectPipeReport(out)).toEqual({
      pid: 4242,
      producerExit: 0,
      sshExit: 2,
      files: { 'producer.err': '', 'consumer.out': 'Loaded', 'consumer.err': consumerErr },
    });
  });

  it('leaves statuses null when the script ended early', () => {
    expect(parseDirectPipeReport(Buffer.from('@crossdock pid 7\n@crossdock status none 255\n'))).toMatchObject({
      pid: 7,
      producerExit: null,
      sshExit: 255,
    });
  });
});

describe('streamed command output', () => {
  it('splits off the pid line', () => {
    expect(splitPidLine('@crossdock pid 12\ntar: boom\n')).toEqual({ pid: 12, rest: 'tar: boom\n' });
    expect(splitPidLine('no pid')).toEqual({ pid: null, rest: 'no pid' });
  });

  it('tells a producer that only lost its reader from one that failed', () => {
    expect(lostItsPartner({ exitCode: 141 })).toBe(true);
    expect(lostItsPartner({ exitCode: null, exitSignal: 'PIPE' })).toBe(true);
    expect(lostItsPartner({ exitCode: null, exitSignal: null })).toBe(true);
    expect(lostItsPartner({ exitCode: 2 })).toBe(false);
  });
});
