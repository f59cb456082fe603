import { describe, expect, it } from 'vitest';
import { prefillFor } from './create-prefill.js';

const providers = [
  { id: 'local', kind: 'local' as const, region: null },
  { id: 'aws-us', kind: 'aws' as const, region: 'us-east-1' },
  { id: 'aws-eu', kind: 'aws' as const, region: 'eu-central-1' },
  { id: 'gce', kind: 'gcp' as const, region: 'europe-west1-b' },
];

describe('prefillFor', () => {
  it('picks the account whose default region is the row’s', () => {
    expect(prefillFor({ provider: 'aws', region: 'eu-central-1', type: 't3.small' }, providers)).toEqual({
      provider: 'aws-eu',
      near: 'eu-central-1',
      size: 't3.small',
    });
  });

  it('takes a GCE account by its default zone’s region', () => {
    expect(prefillFor({ provider: 'gcp', region: 'europe-west1', type: 'e2-small' }, providers)?.provider).toBe('gce');
  });

  it('falls back to the first account of the kind, and to none without one', () => {
    expect(prefillFor({ provider: 'aws', region: 'eu-west-1', type: 't3.small' }, providers)?.provider).toBe('aws-us');
    expect(prefillFor({ provider: 'gcp', region: 'us-central1', type: 'e2-small' }, providers.slice(0, 3))).toBeNull();
  });
});
