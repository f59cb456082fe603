import { allOrAbort } from './all-or-abort.js';

/** One step of a table: what it runs, and what its journal line says when it ends. */
export interface TableStep<Id extends string, Run> {
  id: Id;
  /** Left out when this says no (e.g. the catch-up pass when nothing ran on the source). */
  when?: (run: Run) => boolean;
  /** Does the step's work on the shared run state; resolves with its journal detail (or null). */
  run: (run: Run, signal: AbortSignal) => Promise<string | null>;
}

/** Steps run at the same time; one failing cancels the others (all or abort). */
export interface TogetherSteps<Id extends string, Run> {
  together: readonly TableStep<Id, Run>[];
  /** Runs once all of them are done (e.g. to journal what they did together). */
  then?: (run: Run) => void;
}

export type StepTable<Id extends string, Run> = readonly (TableStep<Id, Run> | TogetherSteps<Id, Run>)[];

/** Where the runner reports a step's start and end: the job's progress and the journal. */
export interface StepSinks<Id extends string> {
  begin(id: Id): void;
  done(id: Id, detail: string | null): void;
  failed(id: Id, error: unknown): void;
}

async function runOne<Id extends string, Run>(
  step: TableStep<Id, Run>,
  run: Run,
  sinks: StepSinks<Id>,
  signal: AbortSignal,
): Promise<void> {
  sinks.begin(step.id);
  let detail: string | null;
  try {
    detail = await step.run(run, signal);
  } catch (error) {
    sinks.failed(step.id, error);
    throw error;
  }
  sinks.done(step.id, detail);
}

/**
 * Runs a declared table of steps in order over one run state: each is begun and ended through the
 * sinks, a group runs its steps at once, the first failure stops the table and is thrown.
 */
export async function runStepTable<Id extends string, Run>(
  table: StepTable<Id, Run>,
  run: Run,
  sinks: StepSinks<Id>,
  signal: AbortSignal,
): Promise<void> {
  for (const entry of table) {
    signal.throwIfAborted();
    if ('together' in entry) {
      const steps = entry.together.filter((step) => step.when?.(run) ?? true);
      await allOrAbort(
        signal,
        steps.map((step) => (stepSignal: AbortSignal) => runOne(step, run, sinks, stepSignal)),
      );
      entry.then?.(run);
    } else if (entry.when?.(run) ?? true) {
      await runOne(entry, run, sinks, signal);
    }
  }
}
