import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContainerSummary } from '../../../shared/index.js';
import { applyListAnswer, useDocker } from './docker-store.js';
import { generateContainers } from './generate-containers.js';

const fleet = generateContainers(6, 2);
const onHost = (hostId: string): ContainerSummary[] => fleet.filter((c) => c.hostId === hostId);
const copy = <T>(value: T): T => structuredClone(value);

describe('applyListAnswer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('applies per-host answers together on the next animation frame, in one store update', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    applyListAnswer('containers', { items: fleet, failures: [] }, null, 1, ['h0', 'h1']);
    const listed = useDocker.getState().lists.containers;
    expect(Object.keys(listed)).toEqual(['h0', 'h1']);
    expect(useDocker.getState().fresh.containers).toBe(true);

    let updates = 0;
    const stop = useDocker.subscribe(() => (updates += 1));
    const changed = copy(onHost('h1'));
    changed[0] = { ...changed[0]!, state: 'exited' };
    applyListAnswer('containers', { items: copy(onHost('h0')), failures: [] }, ['h0'], 2, ['h0', 'h1']);
    applyListAnswer('containers', { items: changed, failures: [] }, ['h1'], 3, ['h0', 'h1']);
    expect(updates).toBe(0);
    expect(frames).toHaveLength(1);
    frames[0]!(0);
    stop();

    expect(updates).toBe(1);
    const lists = useDocker.getState().lists.containers;
    // h0 answered with equal items: its previous array stays, so its rows are not rebuilt.
    expect(lists.h0?.value.items).toBe(listed.h0?.value.items);
    expect(lists.h0?.generation).toBe(2);
    expect(lists.h1?.value.items[0]?.state).toBe('exited');
    expect(lists.h1?.value.items.slice(1).every((item, i) => item === listed.h1?.value.items[i + 1])).toBe(true);
  });

  it('applies a full listing at once, with the answers queued before it', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const renamed = copy(onHost('h0')).map((c) => ({ ...c, name: `${c.name}-x` }));
    applyListAnswer('containers', { items: renamed, failures: [] }, ['h0'], 10, ['h0', 'h1']);
    expect(useDocker.getState().lists.containers.h0?.value.items[0]?.name).not.toMatch(/-x$/);
    // The full listing was asked before the refetch (lower generation): the refetch's answer stays.
    applyListAnswer('containers', { items: copy(fleet), failures: [] }, null, 9, ['h0', 'h1']);
    expect(useDocker.getState().lists.containers.h0?.value.items[0]?.name).toMatch(/-x$/);
    expect(useDocker.getState().lists.containers.h0?.generation).toBe(10);
  });
});
