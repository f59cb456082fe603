import { describe, expect, it } from 'vitest';
import { parseHostImage } from './image.js';

describe('parseHostImage', () => {
  it('splits at the first slash: the image may hold a registry and a path', () => {
    expect(parseHostImage('web-1/postgres:16')).toEqual({ host: 'web-1', image: 'postgres:16' });
    expect(parseHostImage('web-1/10.0.0.1:5000/team/app:1')).toEqual({
      host: 'web-1',
      image: '10.0.0.1:5000/team/app:1',
    });
  });

  it('refuses text that is not HOST/IMAGE, saying the usage', () => {
    for (const text of ['postgres', '/postgres', 'web-1/']) {
      expect(() => parseHostImage(text)).toThrow(/is not HOST\/IMAGE\. Usage: crossdock image pull/);
    }
  });
});
