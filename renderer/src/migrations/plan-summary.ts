import { describeStopWait, type MigrationPlan, type PlannedImage, type WireError } from '../../../shared/index.js';
import { counted, formatBytes, formatRate, formatSpan } from './transfer-format.js';

export type FactTone = 'ok' | 'warn' | 'danger' | 'muted';

/** One line of the plan as the wizard shows it: what, the short answer, and whether it is fine. */
export interface PlanFact {
  id: 'images' | 'volumes' | 'space' | 'ports' | 'architecture' | 'route' | 'estimate';
  label: string;
  value: string;
  tone: FactTone;
}

export interface PlanSummary {
  /** `container web on d9`, `project shop (2 containers) on d9`. */
  what: string;
  facts: PlanFact[];
  imagesToSend: PlannedImage[];
  imagesSkipped: PlannedImage[];
  /** Why it cannot start; empty when it can. `migrations.start` would refuse with the first. */
  refusals: WireError[];
  canStart: boolean;
  warnings: string[];
}

function imagesFact(plan: MigrationPlan, send: PlannedImage[], skipped: PlannedImage[]): PlanFact {
  if (plan.images.length === 0) return { id: 'images', label: 'Images', value: 'none', tone: 'muted' };
  const parts = [
    send.length > 0
      ? `${counted(send.length, 'image')} to send (${formatBytes(plan.imageBytesToSend)})`
      : 'nothing to send',
  ];
  if (skipped.length > 0) parts.push(`${skipped.length} already on ${plan.target.hostName}`);
  return { id: 'images', label: 'Images', value: parts.join(', '), tone: 'ok' };
}

function volumesFact(plan: MigrationPlan): PlanFact {
  if (plan.volumes.length === 0)
    return { id: 'volumes', label: 'Volumes', value: 'none: no data to copy', tone: 'muted' };
  const files = plan.volumes.reduce((sum, v) => sum + v.files, 0);
  return {
    id: 'volumes',
    label: 'Volumes',
    value: `${counted(plan.volumes.length, 'volume')}, ${formatBytes(plan.volumeBytes)} in ${counted(files, 'file')}`,
    tone: 'ok',
  };
}

function spaceFact(plan: MigrationPlan): PlanFact {
  const { freeBytes, neededBytes } = plan.space;
  // Without volumes nothing is stored there, and the core does not measure the free space.
  if (neededBytes === 0 && plan.volumes.length === 0)
    return { id: 'space', label: `Space on ${plan.target.hostName}`, value: 'no volume data to store', tone: 'muted' };
  const enough = freeBytes >= neededBytes;
  return {
    id: 'space',
    label: `Space on ${plan.target.hostName}`,
    value: `${formatBytes(freeBytes)} free, ${formatBytes(neededBytes)} needed`,
    tone: enough ? 'ok' : 'danger',
  };
}

function portsFact(plan: MigrationPlan): PlanFact {
  if (plan.portConflicts.length === 0)
    return { id: 'ports', label: 'Published ports', value: `free on ${plan.target.hostName}`, tone: 'ok' };
  return {
    id: 'ports',
    label: 'Published ports',
    value: `taken on ${plan.target.hostName}: ${plan.portConflicts.join('; ')}`,
    tone: 'danger',
  };
}

function architectureFact(plan: MigrationPlan): PlanFact {
  const { source, target, match } = plan.architecture;
  const from = source.length > 0 ? source.join(', ') : 'none';
  return {
    id: 'architecture',
    label: 'Architecture',
    value: match ? `${target} on both` : `images are ${from}, ${plan.target.hostName} is ${target}`,
    tone: match ? 'ok' : 'danger',
  };
}

function routeFact(plan: MigrationPlan): PlanFact {
  const kind =
    plan.route.kind === 'direct'
      ? `direct, ${plan.source.hostName} → ${plan.target.hostName}`
      : 'relayed through this computer';
  return {
    id: 'route',
    label: 'Route',
    value: `${kind} (${plan.route.reason})`,
    tone: plan.route.kind === 'direct' ? 'ok' : 'warn',
  };
}

function estimateFact(plan: MigrationPlan): PlanFact {
  const { transferMs, downtimeMs, bytesPerSecond, basis } = plan.estimate;
  const rate = `${formatRate(bytesPerSecond)} ${basis === 'measured' ? 'as measured last time' : 'assumed'}`;
  const stop = describeStopWait(plan.containers.filter((c) => c.running));
  return {
    id: 'estimate',
    label: 'Estimate',
    value: `transfer ${formatSpan(transferMs)}, downtime ${formatSpan(downtimeMs)} (at ${rate})${stop ? ` including ${stop}` : ''}`,
    tone: 'muted',
  };
}

/** The plan as a few facts to read at a glance, the images split by what travels, and the refusals. */
export function summarisePlan(plan: MigrationPlan): PlanSummary {
  const send = plan.images.filter((image) => !image.onTarget);
  const skipped = plan.images.filter((image) => image.onTarget);
  const what =
    plan.source.kind === 'project'
      ? `project ${plan.source.name} (${counted(plan.containers.length, 'container')}) on ${plan.source.hostName}`
      : `container ${plan.source.name} on ${plan.source.hostName}`;
  return {
    what,
    facts: [
      imagesFact(plan, send, skipped),
      volumesFact(plan),
      spaceFact(plan),
      portsFact(plan),
      architectureFact(plan),
      routeFact(plan),
      estimateFact(plan),
    ],
    imagesToSend: send,
    imagesSkipped: skipped,
    refusals: plan.blockers,
    canStart: plan.blockers.length === 0,
    warnings: plan.warnings,
  };
}
