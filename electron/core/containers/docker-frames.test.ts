import { describe, expect, it } from 'vitest';
import { DockerFrameSplitter, RawTextDecoder } from './docker-frames.js';

function frame(stream: 1 | 2, payload: Buffer | string): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('DockerFrameSplitter', () => {
  it('splits stdout and stderr frames, whatever the chunking', () => {
    const data = Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, 'bye\n')]);
    for (const size of [1, 3, 7, 8, 9, data.length]) {
      const out: string[] = [];
      const splitter = new DockerFrameSplitter((stream, text) => out.push(`${stream}:${text}`));
      for (let i = 0; i < data.length; i += size) splitter.push(data.subarray(i, i + size));
      splitter.end();
      expect(out.join(''), `chunks of ${size}`).toBe('stdout:hello\nstderr:oops\nstdout:bye\n');
    }
  });

  it('keeps a UTF-8 character whole when a frame boundary cuts it', () => {
    const euro = Buffer.from('€'); // three bytes
    const out: string[] = [];
    const splitter = new DockerFrameSplitter((_stream, text) => out.push(text));
    splitter.push(Buffer.concat([frame(1, euro.subarray(0, 1)), frame(1, euro.subarray(1))]));
    expect(out.join('')).toBe('€');
  });
});

describe('RawTextDecoder', () => {
  it('decodes across chunk boundaries', () => {
    const out: string[] = [];
    const decoder = new RawTextDecoder((_s, text) => out.push(text));
    const bytes = Buffer.from('a€b');
    for (const byte of bytes) decoder.push(Buffer.from([byte]));
    decoder.end();
    expect(out.join('')).toBe('a€b');
  });
});
