import { StringDecoder } from 'node:string_decoder';

/**
 * Splits Docker's multiplexed attach/log format (for containers without a TTY): frames of an
 * 8-byte header — stream type (1 stdout, 2 stderr), three zero bytes, a big-endian 32-bit
 * length — then the payload. Written by hand because the format is tiny and documented, and the
 * one in docker-modem only handles streams, not the buffers a non-followed log returns.
 * Payload text is decoded per stream, so a UTF-8 character split across frames stays whole.
 */
export class DockerFrameSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(private readonly onText: (stream: 'stdout' | 'stderr', text: string) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const stream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      const text = this.decoders[stream].write(this.pending.subarray(8, 8 + size));
      this.pending = this.pending.subarray(8 + size);
      if (text) this.onText(stream, text);
    }
  }

  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.decoders[stream].end();
      if (rest) this.onText(stream, rest);
    }
  }
}

/** Raw (TTY) output: one stream, decoded as UTF-8 across chunk boundaries. */
export class RawTextDecoder {
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly onText: (stream: 'stdout', text: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    if (text) this.onText('stdout', text);
  }

  end(): void {
    const rest = this.decoder.end();
    if (rest) this.onText('stdout', rest);
  }
}
