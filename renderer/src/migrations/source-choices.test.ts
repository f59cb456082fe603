import { describe, expect, it } from 'vitest';
import type { ContainerSummary, WorkloadProject } from '../../../shared/index.js';
import { containerChoices, projectChoices, withChosen } from './source-choices.js';

const container = (name: string, state: ContainerSummary['state']): ContainerSummary => ({
  hostId: 'h',
  hostName: 'd9',
  id: name,
  name,
  image: 'busybox',
  imageId: 'sha256:b',
  state,
  status: '',
  createdAt: '',
  startedAt: null,
  ports: [],
  labels: {},
});

describe('source choices', () => {
  it('lists running containers first, each by name with state and image', () => {
    expect(containerChoices([container('b', 'exited'), container('c', 'running'), container('a', 'running')])).toEqual([
      { value: 'a', label: 'a — running, busybox' },
      { value: 'c', label: 'c — running, busybox' },
      { value: 'b', label: 'b — exited, busybox' },
    ]);
  });

  it('lists projects by name with how many of their containers run', () => {
    const project = (name: string, states: ContainerSummary['state'][]): WorkloadProject => ({
      hostId: 'h',
      hostName: 'd9',
      name,
      state: 'partial',
      deployedByCrossdock: true,
      configFiles: null,
      workingDir: null,
      services: [
        {
          name: 'web',
          containers: states.map((state, i) => ({
            id: `${name}${i}`,
            name: `${name}-web-${i}`,
            number: i,
            image: 'x',
            state,
            status: '',
            health: null,
            ports: [],
          })),
        },
      ],
    });
    expect(projectChoices([project('shop', ['running', 'exited']), project('api', ['running'])])).toEqual([
      { value: 'api', label: 'api (1 of 1 running)' },
      { value: 'shop', label: 'shop (1 of 2 running)' },
    ]);
  });

  it('keeps a name chosen beforehand at the top when the list does not have it', () => {
    expect(withChosen([{ value: 'a', label: 'a …' }], 'x')).toEqual([
      { value: 'x', label: 'x' },
      { value: 'a', label: 'a …' },
    ]);
    expect(withChosen([{ value: 'a', label: 'a …' }], 'a')).toEqual([{ value: 'a', label: 'a …' }]);
    expect(withChosen([], '')).toEqual([]);
  });
});
