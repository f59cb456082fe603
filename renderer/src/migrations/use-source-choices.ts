import type { WizardSource } from './wizard-store.js';
import { useLiveValue, type Loaded } from '../state/use-live.js';
import { containerChoices, projectChoices, type SourceChoice } from './source-choices.js';

/** What can be moved from a host: its compose projects or its containers, listed live from the host. */
export function useSourceChoices(host: string, kind: WizardSource['kind']): Loaded<SourceChoice[]> {
  const choices = useLiveValue<SourceChoice[]>(
    host ? `${host}\n${kind}` : null,
    kind === 'project'
      ? async (api) => {
          const listed = await api.workloads.list({ hosts: [host] });
          if (listed.failures[0])
            throw Object.assign(new Error(listed.failures[0].error.message), listed.failures[0].error);
          return projectChoices(listed.items);
        }
      : async (api) => {
          const listed = await api.docker.containers({ all: true, hosts: [host] });
          if (listed.failures[0])
            throw Object.assign(new Error(listed.failures[0].error.message), listed.failures[0].error);
          return containerChoices(listed.items);
        },
    { vault: true },
  );
  return choices ?? { status: 'loading' };
}
