import { describe, expect, it } from 'vitest';
import { loadCompose } from '../compose/load-compose.js';
import { buildNeedsFolder, describeBuildProgress, servicesThatBuild } from './build-images.js';
import { configHash } from './config-hash.js';
import { serviceImage } from './container-spec.js';

const file = (text: string) => {
  const loaded = loadCompose({ compose: text });
  if (!loaded.file) throw new Error(JSON.stringify(loaded.issues));
  return loaded.file;
};

describe('builds in a deploy', () => {
  it('names a built image PROJECT-SERVICE unless the service gives image:', () => {
    const f = file(
      'services:\n  web:\n    build: .\n  api:\n    image: shop/api:2\n    build: ./api\n  db:\n    image: postgres\n',
    );
    expect(serviceImage('shop', 'web', f.services.web!)).toBe('shop-web');
    expect(serviceImage('shop', 'api', f.services.api!)).toBe('shop/api:2');
    expect(servicesThatBuild(f)).toEqual(['web', 'api']);
  });

  it('keeps build: out of the config hash: a rebuilt image recreates the service through its id', () => {
    const context = { environment: {}, networkNames: {}, volumeNames: {} };
    const built = file('services:\n  web:\n    image: shop/web\n    build: { context: ., args: { A: "1" } }\n');
    const pulled = file('services:\n  web:\n    image: shop/web\n');
    expect(configHash(built.services.web!, context)).toBe(configHash(pulled.services.web!, context));
  });

  it('says what to do when the deploy has no folder to read a context from', () => {
    const error = buildNeedsFolder(file('services:\n  web:\n    build: .\n  db:\n    image: postgres\n'));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { services: ['web'] } });
    expect(error.message).toMatch(/^Service web builds its image \(build:\).*crossdock deploy FILE --host HOST/);
  });

  it('describes the upload, then the Dockerfile step', () => {
    expect(describeBuildProgress({ sent: 1024, total: 3 * 1024 * 1024, step: null })).toBe(
      'sending the context: 1.00 KiB of 3.00 MiB',
    );
    expect(describeBuildProgress({ sent: 10, total: 10, step: { index: 2, count: 5, text: 'RUN make' } })).toBe(
      'step 2/5: RUN make',
    );
  });
});
