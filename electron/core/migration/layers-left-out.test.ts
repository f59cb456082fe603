import { describe, expect, it } from 'vitest';
import { layersLeftOut } from './layers-left-out.js';

describe('layersLeftOut', () => {
  it('says it in words with the right plural', () => {
    expect(layersLeftOut(0, 'walk-2')).toBe('no layers left out');
    expect(layersLeftOut(1, 'walk-2')).toBe('1 layer already on walk-2 was left out');
    expect(layersLeftOut(3, 'walk-2')).toBe('3 layers already on walk-2 were left out');
    expect(layersLeftOut(3, 'walk-2')).not.toMatch(/\(s\)|held/);
  });
});
