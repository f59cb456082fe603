import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../shared/index.js';
import { composeExample, PUBLIC_EXAMPLE_IMAGE } from './compose-example.js';

const image = (tags: string[], containers = 0): ImageSummary => ({
  hostId: 'h1',
  hostName: 'web-1',
  id: `sha256:${tags.join(',')}`,
  tags,
  sizeBytes: 1,
  createdAt: '2026-01-01T00:00:00Z',
  containers,
});

describe('composeExample', () => {
  it('uses a web server the host already has, with the port map', () => {
    const example = composeExample([image(['redis:7']), image(['nginx:1.25-alpine'])]);
    expect(example).toMatchObject({ image: 'nginx:1.25-alpine', pulled: false });
    expect(example.text).toContain('image: nginx:1.25-alpine');
    expect(example.text).toContain('"8080:80"');
  });

  it('else an image a container on the host runs, without guessing its port', () => {
    const example = composeExample([image(['<none>:<none>'], 2), image(['alpine:3']), image(['tiny:latest'], 1)]);
    expect(example).toMatchObject({ image: 'tiny:latest', pulled: false });
    expect(example.text).not.toContain('ports');
    // Engines often leave an image's container count uncounted (-1, shown as 0): the running
    // containers' images say it too; an image no longer on the host is not offered.
    expect(composeExample([image(['alpine:3']), image(['tiny:latest'])], ['tiny:latest', 'gone:1']).image).toBe(
      'tiny:latest',
    );
  });

  it('else a small public image, marked as pulled — never nginx:1.27 that no fresh machine has', () => {
    for (const images of [null, [], [image(['alpine:3'])]]) {
      const example = composeExample(images);
      expect(example).toMatchObject({ image: PUBLIC_EXAMPLE_IMAGE, pulled: true });
      expect(example.text).not.toContain('nginx:1.27');
    }
  });
});
