import { describe, expect, it } from 'vitest';
import type { MigrationPlan } from '../../../shared/index.js';
import { summarisePlan } from './plan-summary.js';

function plan(changes: Partial<MigrationPlan> = {}): MigrationPlan {
  return {
    source: { hostId: 'h9', hostName: 'd9', kind: 'container', name: 'web' },
    target: { hostId: 'h3', hostName: 'd3', architecture: 'amd64' },
    containers: [
      {
        id: 'c1',
        name: 'web',
        image: 'app:1',
        imageId: 'sha256:a',
        running: true,
        hasHealthcheck: false,
        ports: ['8080/tcp'],
        volumes: ['data'],
        binds: [],
        networks: [],
        stop: { signal: 'SIGTERM', timeoutSeconds: 10 },
      },
    ],
    images: [
      {
        ref: 'app:1',
        id: 'sha256:a',
        bytes: 52_400_000,
        onTarget: false,
        architecture: 'amd64',
        layers: 3,
        layersOnTarget: 0,
        bytesToSend: 52_400_000,
      },
      {
        ref: 'busybox:1',
        id: 'sha256:b',
        bytes: 4_000_000,
        onTarget: true,
        architecture: 'amd64',
        layers: 1,
        layersOnTarget: 1,
        bytesToSend: 0,
      },
    ],
    imageBytesToSend: 52_400_000,
    volumes: [{ name: 'data', driver: 'local', bytes: 24_000_000, files: 9 }],
    volumeBytes: 24_000_000,
    networks: [],
    space: { freeBytes: 10_000_000_000, neededBytes: 24_000_000 },
    architecture: { source: ['amd64'], target: 'amd64', match: true },
    portConflicts: [],
    route: { kind: 'direct', reason: 'd9 reaches d3 over SSH' },
    estimate: {
      bytesPerSecond: 50_000_000,
      basis: 'assumed',
      transferMs: 1_530,
      stopWaitMs: 10_000,
      downtimeMs: 16_200,
    },
    blockers: [],
    warnings: [],
    ...changes,
  };
}

const fact = (p: MigrationPlan, id: string) => summarisePlan(p).facts.find((f) => f.id === id);

describe('summarisePlan', () => {
  it('says what moves and that it can start when nothing blocks it', () => {
    const summary = summarisePlan(plan());
    expect(summary.what).toBe('container web on d9');
    expect(summary.canStart).toBe(true);
    expect(summary.refusals).toEqual([]);
    expect(summary.facts.map((f) => f.id)).toEqual([
      'images',
      'volumes',
      'space',
      'ports',
      'architecture',
      'route',
      'estimate',
    ]);
  });

  it('splits the images into those sent, with their bytes, and those the target already has', () => {
    const summary = summarisePlan(plan());
    expect(summary.imagesToSend.map((i) => i.ref)).toEqual(['app:1']);
    expect(summary.imagesSkipped.map((i) => i.ref)).toEqual(['busybox:1']);
    expect(fact(plan(), 'images')).toEqual({
      id: 'images',
      label: 'Images',
      value: '1 image to send (50.0 MiB), 1 already on d3',
      tone: 'ok',
    });
    const nothing = plan({
      images: [
        {
          ref: 'busybox:1',
          id: 'sha256:b',
          bytes: 4,
          onTarget: true,
          architecture: 'amd64',
          layers: 1,
          layersOnTarget: 1,
          bytesToSend: 0,
        },
      ],
      imageBytesToSend: 0,
    });
    expect(fact(nothing, 'images')?.value).toBe('nothing to send, 1 already on d3');
  });

  it('counts volumes, bytes and files, and says when there is no data', () => {
    expect(fact(plan(), 'volumes')?.value).toBe('1 volume, 22.9 MiB in 9 files');
    const none = plan({ volumes: [], volumeBytes: 0, space: { freeBytes: 0, neededBytes: 0 } });
    expect(fact(none, 'volumes')).toMatchObject({ value: 'none: no data to copy', tone: 'muted' });
    expect(fact(none, 'space')).toMatchObject({ value: 'no volume data to store', tone: 'muted' });
  });

  it('names a project with its number of containers', () => {
    expect(summarisePlan(plan({ source: { hostId: 'h9', hostName: 'd9', kind: 'project', name: 'shop' } })).what).toBe(
      'project shop (1 container) on d9',
    );
  });

  it('marks what stops the migration: port conflicts, too little space, another architecture', () => {
    const refused = plan({
      portConflicts: ['d3:8080/tcp container other-1'],
      space: { freeBytes: 1_000, neededBytes: 24_000_000 },
      architecture: { source: ['arm64'], target: 'amd64', match: false },
      blockers: [
        { code: 'PORT_CONFLICT', message: 'host d3: port 8080/tcp is taken by container other-1', details: {} },
        { code: 'NO_SPACE', message: 'd3 has 1.0 kB free for volumes, 24.0 MB needed', details: {} },
      ],
    });
    const summary = summarisePlan(refused);
    expect(summary.canStart).toBe(false);
    expect(summary.refusals.map((r) => r.code)).toEqual(['PORT_CONFLICT', 'NO_SPACE']);
    expect(fact(refused, 'ports')).toMatchObject({
      tone: 'danger',
      value: 'taken on d3: d3:8080/tcp container other-1',
    });
    expect(fact(refused, 'space')).toMatchObject({ tone: 'danger', value: '1000 B free, 22.9 MiB needed' });
    expect(fact(refused, 'architecture')).toMatchObject({ tone: 'danger', value: 'images are arm64, d3 is amd64' });
  });

  it('gives the route with its reason, and the estimate with the rate it assumes', () => {
    expect(fact(plan(), 'route')).toMatchObject({ value: 'direct, d9 → d3 (d9 reaches d3 over SSH)', tone: 'ok' });
    expect(fact(plan({ route: { kind: 'relay', reason: 'asked to relay' } }), 'route')).toMatchObject({
      value: 'relayed through this computer (asked to relay)',
      tone: 'warn',
    });
    expect(fact(plan(), 'estimate')?.value).toBe(
      'transfer 1.5 s, downtime 16 s (at 47.7 MiB/s assumed) including stop: up to 10 s (SIGTERM, then SIGKILL)',
    );
    expect(
      fact(
        plan({
          estimate: {
            bytesPerSecond: 80_000_000,
            basis: 'measured',
            transferMs: 900,
            stopWaitMs: 10_000,
            downtimeMs: 15_100,
          },
        }),
        'estimate',
      )?.value,
    ).toBe(
      'transfer 900 ms, downtime 15 s (at 76.3 MiB/s as measured last time) including stop: up to 10 s (SIGTERM, then SIGKILL)',
    );
  });
});
