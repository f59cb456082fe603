import {
  counted,
  type ComposeInput,
  type JobInfo,
  type RemoveReport,
  type WorkloadProject,
} from '../../../shared/index.js';
import { attempt, noticeFailure, type Outcome } from '../state/core-call.js';
import { applyJob, pushNotice } from '../state/store.js';

export interface DeployArgs extends ComposeInput {
  host: string;
  project?: string | undefined;
  autoPorts?: boolean | undefined;
  configFile?: string | undefined;
}

/** Starts a deploy job; its progress arrives through `jobs.changed` and `jobs.log`. */
export async function deployWorkload(args: DeployArgs): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.workloads.deploy(args));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
}

/** What a removal did, in one sentence. */
export function describeRemoval(report: RemoveReport): string {
  const parts = [counted(report.containers.length, 'container'), counted(report.networks.length, 'network')];
  if (report.volumes.length > 0) parts.push(counted(report.volumes.length, 'volume'));
  return `Removed ${parts.join(', ')} of ${report.project} on ${report.host}.`;
}

/** Removes a project's containers and networks (and volumes when asked); the outcome is a notice. */
export async function removeWorkload(
  project: Pick<WorkloadProject, 'hostId' | 'hostName' | 'name'>,
  removeVolumes: boolean,
): Promise<RemoveReport | undefined> {
  const outcome = await attempt((api) =>
    api.workloads.remove({ host: project.hostId, project: project.name, removeVolumes }),
  );
  if (!outcome.ok) {
    noticeFailure(`Could not remove ${project.name} from ${project.hostName}`, outcome.failure);
    return undefined;
  }
  pushNotice({ tone: 'info', title: `Removed ${project.name}`, message: describeRemoval(outcome.value), code: null });
  return outcome.value;
}
