import { describe, expect, it } from 'vitest';
import { isImageId, removalBlocker } from './removal-check.js';

describe('removalBlocker', () => {
  const stopped = { name: 'old-web', running: false };
  const running = { name: 'web', running: true };

  it('lets an image no container uses go', () => {
    expect(removalBlocker('app:1', 'h1', ['app:1'], [], false)).toBeNull();
  });

  it('lets a tag go when the image keeps other tags, whatever uses it', () => {
    expect(removalBlocker('app:1', 'h1', ['app:1', 'app:latest'], [running], false)).toBeNull();
  });

  it('refuses an image stopped containers use, naming them, unless forced', () => {
    const blocker = removalBlocker('app:1', 'h1', ['app:1'], [stopped], false);
    expect(blocker).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'Image app:1 on h1 is used by stopped container old-web; remove it first',
      details: { host: 'h1', image: 'app:1', containers: ['old-web'], advice: 'force-image-remove' },
    });
    expect(removalBlocker('app:1', 'h1', ['app:1'], [stopped], true)).toBeNull();
  });

  it('refuses an image a running container uses even when forced, and by id even with several tags', () => {
    for (const force of [false, true]) {
      expect(removalBlocker('app:1', 'h1', ['app:1'], [running, stopped], force)).toMatchObject({
        message: 'Image app:1 on h1 is used by running container web; stop and remove it first',
        details: { containers: ['web', 'old-web'] },
      });
    }
    expect(removalBlocker('sha256:' + 'a'.repeat(64), 'h1', ['a:1', 'b:1'], [running], true)).not.toBeNull();
  });

  it('tells ids from names', () => {
    expect(isImageId('0123456789ab')).toBe(true);
    expect(isImageId(`sha256:${'f'.repeat(64)}`)).toBe(true);
    expect(isImageId('busybox')).toBe(false);
    expect(isImageId('deadbeefcafe:1')).toBe(false);
  });
});
