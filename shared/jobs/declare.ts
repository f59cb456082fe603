import type { z } from 'zod';

/** One step of a kind of job, as every client shows it. */
export interface StepDeclaration<Id extends string = string> {
  id: Id;
  /** What the step does, in words a user reads next to its mark. */
  label: string;
  /** The part of the job's progress (0..1) the step covers; a kind's shares add up to 1. */
  share: number;
  /**
   * Runs at the same time as the step with this id and moves the job through that step's share
   * with it (its own share is 0).
   */
  alongside?: Id;
  /** Bytes it moves are reported as it runs (`migrations.progress`). */
  data?: boolean;
}

/**
 * A kind of job, declared once: its steps in the order they run, and the schema of its result.
 * The core may only report these steps for a job of this kind, and every client (the renderer's
 * step lists, the CLI, the browser tests) derives its labels and order from here.
 */
export interface JobKindDeclaration<K extends string = string, Id extends string = string, R = unknown> {
  kind: K;
  steps: readonly StepDeclaration<Id>[];
  result: z.ZodType<R>;
}

/** Declares a kind of job, keeping the literal types of its kind and step ids. */
export function declareJobKind<const K extends string, const Id extends string, R>(
  declaration: JobKindDeclaration<K, Id, R>,
): JobKindDeclaration<K, Id, R> {
  return declaration;
}

export type StepIdOf<D extends JobKindDeclaration> = D['steps'][number]['id'];
export type ResultOf<D extends JobKindDeclaration> = z.output<D['result']>;

function find<Id extends string>(declaration: JobKindDeclaration<string, Id>, id: Id): StepDeclaration<Id> {
  const step = declaration.steps.find((s) => s.id === id);
  if (!step) throw new Error(`Job kind ${declaration.kind} declares no step "${id}"`);
  return step;
}

/** Where a step starts in the job's progress (a step run alongside another starts where it does). */
export function stepStart<Id extends string>(declaration: JobKindDeclaration<string, Id>, id: Id): number {
  const step = find(declaration, id);
  if (step.alongside !== undefined) return stepStart(declaration, step.alongside);
  let start = 0;
  for (const s of declaration.steps) {
    if (s.id === id) break;
    start += s.share;
  }
  return Math.min(1, start);
}

/** The job's fraction `part` (0..1) of the way through a step. */
export function fractionIn<Id extends string>(
  declaration: JobKindDeclaration<string, Id>,
  id: Id,
  part: number,
): number {
  const step = find(declaration, id);
  const share = step.alongside !== undefined ? find(declaration, step.alongside).share : step.share;
  return Math.min(1, stepStart(declaration, id) + share * Math.min(1, Math.max(0, part)));
}

/** Whether `step` is one of the declaration's step ids (narrows it). */
export function isStepOf<Id extends string>(declaration: JobKindDeclaration<string, Id>, step: unknown): step is Id {
  return declaration.steps.some((s) => s.id === step);
}
