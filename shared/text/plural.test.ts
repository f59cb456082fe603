import { describe, expect, it } from 'vitest';
import { counted, pluralize } from './plural.js';

describe('counted', () => {
  it('says "1 container" and "2 containers", and "0 containers"', () => {
    expect(counted(1, 'container')).toBe('1 container');
    expect(counted(2, 'container')).toBe('2 containers');
    expect(counted(0, 'container')).toBe('0 containers');
  });

  it('follows the regular spelling rules', () => {
    expect(counted(2, 'directory')).toBe('2 directories');
    expect(counted(2, 'key')).toBe('2 keys');
    expect(counted(3, 'address')).toBe('3 addresses');
    expect(counted(2, 'patch')).toBe('2 patches');
    expect(counted(2, 'image')).toBe('2 images');
  });

  it('takes an irregular plural', () => {
    expect(counted(1, 'person', 'people')).toBe('1 person');
    expect(counted(4, 'person', 'people')).toBe('4 people');
  });

  it('renders the number with the given format, the noun by the count', () => {
    const thousands = new Intl.NumberFormat('en-US');
    expect(counted(1204, 'container', undefined, (n) => thousands.format(n))).toBe('1,204 containers');
    expect(counted(1, 'image', undefined, (n) => thousands.format(n))).toBe('1 image');
  });
});

describe('pluralize', () => {
  it('gives the noun alone', () => {
    expect(pluralize(1, 'path')).toBe('path');
    expect(pluralize(5, 'path')).toBe('paths');
  });
});
