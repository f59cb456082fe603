import type { ContainerSummary, WorkloadProject } from '../../../shared/index.js';

export interface SourceChoice {
  value: string;
  label: string;
}

/** Compose projects of a host, by name, with how many containers run. */
export function projectChoices(projects: readonly WorkloadProject[]): SourceChoice[] {
  return [...projects]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((project) => {
      const containers = project.services.flatMap((service) => service.containers);
      const running = containers.filter((c) => c.state === 'running').length;
      return { value: project.name, label: `${project.name} (${running} of ${containers.length} running)` };
    });
}

/** Containers of a host, by name, with their state and image; running ones first. */
export function containerChoices(containers: readonly ContainerSummary[]): SourceChoice[] {
  return [...containers]
    .sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || a.name.localeCompare(b.name))
    .map((container) => ({
      value: container.name,
      label: `${container.name} — ${container.state}, ${container.image}`,
    }));
}

/** The choices, with a name given beforehand (from the Workloads view) kept even if not listed (yet). */
export function withChosen(choices: readonly SourceChoice[], chosen: string): SourceChoice[] {
  if (!chosen || choices.some((choice) => choice.value === chosen)) return [...choices];
  return [{ value: chosen, label: chosen }, ...choices];
}
