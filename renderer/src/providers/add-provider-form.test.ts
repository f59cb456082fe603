import { describe, expect, it } from 'vitest';
import { EMPTY_ADD_PROVIDER_FORM, validateAddProvider, type AddProviderForm } from './add-provider-form.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const aws = (changes: Partial<AddProviderForm> = {}): AddProviderForm => ({
  ...EMPTY_ADD_PROVIDER_FORM,
  kind: 'aws',
  name: 'work',
  region: 'eu-west-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: SECRET,
  ...changes,
});
const KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'p',
  client_email: 'ci@p.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\n…',
});
const gcp = (changes: Partial<AddProviderForm> = {}): AddProviderForm => ({
  ...EMPTY_ADD_PROVIDER_FORM,
  kind: 'gcp',
  name: 'gce',
  region: 'europe-west1-b',
  serviceAccountJson: KEY,
  ...changes,
});

describe('validateAddProvider: AWS', () => {
  it('builds the arguments for an access key, with an endpoint when given', () => {
    expect(validateAddProvider(aws({ name: ' work ', endpoint: 'http://127.0.0.1:4566' }))).toEqual({
      args: {
        kind: 'aws',
        name: 'work',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4566',
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
      },
    });
  });

  it('builds the arguments for a profile, ignoring key fields typed before switching', () => {
    expect(validateAddProvider(aws({ awsCredentials: 'profile', profile: 'prod', accessKeyId: 'junk' }))).toEqual({
      args: { kind: 'aws', name: 'work', region: 'eu-west-1', credentials: { profile: 'prod' } },
    });
  });

  it('says what to fix in each field, in words', () => {
    const result = validateAddProvider(
      aws({ name: '', region: 'Ireland', endpoint: 'ftp://x', accessKeyId: 'akia-lower', secretAccessKey: 'short' }),
    );
    expect(result).toEqual({
      problems: {
        name: 'Give the provider a name.',
        region: 'An AWS region looks like eu-west-1.',
        endpoint: expect.stringContaining('http://'),
        accessKeyId: expect.stringContaining('capital letters'),
        secretAccessKey: expect.stringContaining('too short'),
      },
    });
  });

  it('asks for every empty field of an access key', () => {
    expect(validateAddProvider({ ...EMPTY_ADD_PROVIDER_FORM, kind: 'aws' })).toEqual({
      problems: {
        name: 'Give the provider a name.',
        region: 'Give the region.',
        accessKeyId: 'Give the access key ID.',
        secretAccessKey: 'Give the secret access key.',
      },
    });
  });

  it('asks for the profile name when the profile is chosen but empty', () => {
    expect(validateAddProvider(aws({ awsCredentials: 'profile', profile: ' ' }))).toEqual({
      problems: { profile: 'Give the profile name.' },
    });
  });
});

describe('validateAddProvider: GCE', () => {
  it('builds the arguments with the key as given', () => {
    expect(validateAddProvider(gcp())).toEqual({
      args: { kind: 'gcp', name: 'gce', region: 'europe-west1-b', serviceAccountJson: KEY },
    });
  });

  it('asks for the key, and refuses text that is not a service-account key', () => {
    expect(validateAddProvider(gcp({ serviceAccountJson: '' }))).toEqual({
      problems: { serviceAccountJson: expect.stringContaining('Paste the service-account key') },
    });
    expect(validateAddProvider(gcp({ serviceAccountJson: '{"type": "service_acc' }))).toEqual({
      problems: { serviceAccountJson: expect.stringContaining('not JSON') },
    });
    expect(validateAddProvider(gcp({ serviceAccountJson: '{"type": "authorized_user"}' }))).toEqual({
      problems: { serviceAccountJson: expect.stringContaining('not a service-account key') },
    });
  });

  it('asks for the zone', () => {
    expect(validateAddProvider(gcp({ region: '' }))).toEqual({
      problems: { region: 'Give the zone, such as europe-west1-b.' },
    });
  });
});

describe('validateAddProvider: Hetzner Cloud', () => {
  const hetzner = (changes: Partial<AddProviderForm> = {}): AddProviderForm => ({
    ...EMPTY_ADD_PROVIDER_FORM,
    kind: 'hetzner',
    name: 'hz',
    region: 'fsn1',
    token: `  ${'a1'.repeat(32)} `,
    ...changes,
  });

  it('builds the arguments with the token trimmed', () => {
    expect(validateAddProvider(hetzner())).toEqual({
      args: { kind: 'hetzner', name: 'hz', region: 'fsn1', token: 'a1'.repeat(32) },
    });
  });

  it('asks for the token and the location in words', () => {
    expect(validateAddProvider(hetzner({ token: '', region: '' }))).toEqual({
      problems: { token: 'Give the API token.', region: 'Give the location, such as fsn1, nbg1, hel1 or ash.' },
    });
    expect(validateAddProvider(hetzner({ token: 'not-a-token' }))).toEqual({
      problems: { token: expect.stringContaining('64 letters and digits') },
    });
  });
});

describe('validateAddProvider: DigitalOcean', () => {
  const token = `dop_v1_${'0f'.repeat(32)}`;
  const digitalocean = (changes: Partial<AddProviderForm> = {}): AddProviderForm => ({
    ...EMPTY_ADD_PROVIDER_FORM,
    kind: 'digitalocean',
    name: 'do',
    region: 'fra1',
    token: ` ${token}\n`,
    ...changes,
  });

  it('builds the arguments with the token trimmed', () => {
    expect(validateAddProvider(digitalocean())).toEqual({
      args: { kind: 'digitalocean', name: 'do', region: 'fra1', token },
    });
  });

  it('asks for the token and the region in words of DigitalOcean', () => {
    expect(validateAddProvider(digitalocean({ token: '', region: '' }))).toEqual({
      problems: { token: 'Give the API token.', region: 'Give the region, such as fra1, ams3, nyc3 or sgp1.' },
    });
    expect(validateAddProvider(digitalocean({ token: 'dop_v1_not-a-token', region: 'Frankfurt' }))).toEqual({
      problems: {
        token: expect.stringContaining('dop_v1_ and 64 hexadecimal digits'),
        region: expect.stringContaining('slug such as fra1'),
      },
    });
  });
});
