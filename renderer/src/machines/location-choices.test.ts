import { describe, expect, it } from 'vitest';
import { locationChoices, locationNear, sizesRegion } from './location-choices.js';

const regions = [
  { name: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1b'] },
  { name: 'us-east-1', zones: [] },
];

describe('locationChoices', () => {
  it('offers nothing for the local sandbox', () => {
    expect(locationChoices({ kind: 'local', region: null }, [{ name: 'local', zones: [] }])).toEqual([]);
  });

  it('offers an AWS account’s own region and its zones first, then its other regions', () => {
    expect(locationChoices({ kind: 'aws', region: 'eu-west-1' }, regions)).toEqual([
      { value: 'eu-west-1', label: 'eu-west-1 (any zone)' },
      { value: 'eu-west-1a', label: 'eu-west-1a' },
      { value: 'eu-west-1b', label: 'eu-west-1b' },
      { value: 'us-east-1', label: 'us-east-1 (any zone)' },
    ]);
    // A custom endpoint may list no region at all: the account's own is still offered.
    expect(locationChoices({ kind: 'aws', region: 'us-west-2' }, []).map((c) => c.value)).toEqual(['us-west-2']);
  });

  it('offers every GCE zone, named with its region, the account’s own first', () => {
    const gce = [
      { name: 'europe-west1', zones: ['europe-west1-b', 'europe-west1-c'] },
      { name: 'us-central1', zones: ['us-central1-a'] },
    ];
    expect(locationChoices({ kind: 'gcp', region: 'europe-west1-c' }, gce)).toEqual([
      { value: 'europe-west1-c', label: 'europe-west1-c (europe-west1)' },
      { value: 'europe-west1-b', label: 'europe-west1-b (europe-west1)' },
      { value: 'us-central1-a', label: 'us-central1-a (us-central1)' },
    ]);
    expect(locationChoices({ kind: 'gcp', region: 'asia-east1-a' }, gce).map((c) => c.value)).toEqual([
      'asia-east1-a',
      'europe-west1-b',
      'europe-west1-c',
      'us-central1-a',
    ]);
  });
});

describe('locationChoices: regions without zones', () => {
  it('offers DigitalOcean regions as one flat list, the account’s own first', () => {
    const doRegions = [
      { name: 'ams3', zones: [] },
      { name: 'fra1', zones: [] },
      { name: 'nyc3', zones: [] },
    ];
    expect(locationChoices({ kind: 'digitalocean', region: 'fra1' }, doRegions)).toEqual([
      { value: 'fra1', label: 'fra1' },
      { value: 'ams3', label: 'ams3' },
      { value: 'nyc3', label: 'nyc3' },
    ]);
  });
});

describe('sizesRegion', () => {
  it('asks the clouds about the chosen place, and the sandbox about nothing', () => {
    expect(sizesRegion('gcp', 'europe-west1-b')).toBe('europe-west1-b');
    expect(sizesRegion('aws', 'eu-west-1a')).toBe('eu-west-1a');
    expect(sizesRegion('aws', null)).toBeUndefined();
    expect(sizesRegion('local', 'local')).toBeUndefined();
  });
});

describe('locationNear', () => {
  const zones = [
    { value: 'europe-west1-b', label: 'europe-west1-b (europe-west1)' },
    { value: 'us-central1-a', label: 'us-central1-a (us-central1)' },
    { value: 'us-central1-b', label: 'us-central1-b (us-central1)' },
  ];

  it('picks the region itself, else its first zone, else nothing', () => {
    expect(locationNear([{ value: 'eu-west-1', label: 'eu-west-1 (any zone)' }], 'eu-west-1')).toBe('eu-west-1');
    expect(locationNear(zones, 'us-central1')).toBe('us-central1-a');
    expect(locationNear(zones, 'asia-east1')).toBeNull();
  });
});
