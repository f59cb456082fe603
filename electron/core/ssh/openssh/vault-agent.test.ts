import { describe, expect, it } from 'vitest';
import { servedRequestsOnly } from './vault-agent.js';

function frame(type: number, body: number[] = []): Buffer {
  const out = Buffer.alloc(5 + body.length);
  out.writeUInt32BE(1 + body.length, 0);
  out[4] = type;
  Buffer.from(body).copy(out, 5);
  return out;
}

async function through(chunks: Buffer[]): Promise<Buffer> {
  const trimmer = servedRequestsOnly();
  const out: Buffer[] = [];
  trimmer.on('data', (chunk: Buffer) => out.push(chunk));
  for (const chunk of chunks) trimmer.write(chunk);
  trimmer.end();
  await new Promise((resolve) => trimmer.on('end', resolve));
  return Buffer.concat(out);
}

describe('servedRequestsOnly', () => {
  it('cuts an extension request to its type byte and keeps the key list and sign requests whole', async () => {
    const extension = frame(27, [0, 0, 0, 3, 0x61, 0x62, 0x63, 9, 9, 9]);
    const identities = frame(11);
    const sign = frame(13, [1, 2, 3, 4]);
    expect(await through([Buffer.concat([extension, identities, sign])])).toEqual(
      Buffer.concat([frame(27), identities, sign]),
    );
  });

  it('reassembles requests split across reads', async () => {
    const extension = frame(27, [5, 6, 7, 8]);
    const sign = frame(13, [1, 2, 3]);
    const whole = Buffer.concat([extension, sign]);
    const pieces = [whole.subarray(0, 2), whole.subarray(2, 7), whole.subarray(7, 11), whole.subarray(11)];
    expect(await through(pieces)).toEqual(Buffer.concat([frame(27), sign]));
  });
});
