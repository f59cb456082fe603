// The emulator's hand-written SigV4 check against AWS's published test vector ("get-vanilla"
// of the Signature Version 4 test suite), so it is not only checked against the SDK it tests.
import { describe, expect, it } from 'vitest';
import { verifySigV4 } from '../../emulators/ec2/sigv4.js';

const identity = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const signedAt = new Date('2015-08-30T12:36:00Z');
const vanilla = {
  method: 'GET',
  url: '/',
  body: Buffer.alloc(0),
  headers: {
    host: 'example.amazonaws.com',
    'x-amz-date': '20150830T123600Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
};

describe('EC2 emulator SigV4 check', () => {
  it('accepts the test suite request signed with the example key', () => {
    expect(verifySigV4(vanilla, identity, 'service', signedAt)).toBeNull();
  });

  it('refuses a wrong secret, a changed header, a stale date and a missing signature', () => {
    expect(verifySigV4(vanilla, { ...identity, secretAccessKey: 'other' }, 'service', signedAt)?.reason).toMatch(
      /signature does not match/,
    );
    expect(
      verifySigV4({ ...vanilla, headers: { ...vanilla.headers, host: 'evil.example' } }, identity, 'service', signedAt),
    ).not.toBeNull();
    expect(verifySigV4(vanilla, identity, 'service', new Date('2015-08-30T13:00:00Z'))?.reason).toMatch(/expired/);
    expect(verifySigV4(vanilla, identity, 'ec2', signedAt)?.reason).toMatch(/scope/);
    expect(
      verifySigV4({ ...vanilla, headers: { host: 'example.amazonaws.com' } }, identity, 'service', signedAt)?.reason,
    ).toMatch(/unsigned/);
  });
});
