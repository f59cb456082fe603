import { randomUUID } from 'node:crypto';
import {
  CrossdockError,
  fractionIn,
  JOB_KINDS,
  jobInfoSchema,
  toWireError,
  type CrossdockEvents,
  type ExtensionJobKind,
  type JobInfo,
  type JobKind,
  type JobKindDeclaration,
  type JobLogLine,
  type JobLogStream,
  type JobResult,
  type JobStepId,
} from '../../../shared/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { JobJournal, JournaledJob } from './journal.js';
import { processAlive } from '../process/process-alive.js';

/**
 * What a running job's code gets: its cancel signal, and ways to report progress and log. `Step`
 * is the job kind's declared step ids, so a step the kind does not declare does not compile.
 */
export interface JobContext<Step extends string = string> {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Moves to a step: the fraction goes to where the declaration says the step starts. */
  step(step: Step, detail?: string | null): void;
  /** `part` (0..1) of the way through a step, with what it is at (`detail`). */
  within(step: Step, part: number, detail?: string | null): void;
  /** Sets the fraction (0..1) alone: for steps that run at once and share their progress. */
  progress(fraction: number): void;
  log(text: string, stream?: JobLogStream): void;
}

export type JobRunner<K extends JobKind> = (job: JobContext<JobStepId<K>>) => Promise<JobResult<K>>;

interface LiveJob {
  info: JobInfo;
  controller: AbortController | null;
  done: Promise<void>;
  logs: JobLogLine[] | null;
  nextSeq: number;
}

/**
 * Every long piece of work goes through here: it gets an id, progress, a log, cancel, and a
 * journal entry, so the UI, the web mode and the CLI all see it the same way, and a crash leaves
 * a record (`interrupted`) rather than a job that claims to be running forever.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, LiveJob>();

  constructor(
    private readonly journal: JobJournal,
    private readonly events: EventHub<CrossdockEvents>,
  ) {
    for (const journaled of journal.load()) this.restore(journaled);
  }

  /** Starts a job of one of the contract's kinds. */
  start<K extends JobKind>(kind: K, title: string, run: JobRunner<K>): JobInfo {
    return this.launch(JOB_KINDS[kind], title, run);
  }

  /**
   * Starts a job of a kind declared outside the contract (`x-…`), such as a test's own long job.
   * It is listed, followed and cancelled like any other; its result is not typed.
   */
  startExtension(
    declaration: JobKindDeclaration<ExtensionJobKind>,
    title: string,
    run: (job: JobContext) => Promise<unknown>,
  ): JobInfo {
    return this.launch(declaration, title, run);
  }

  private launch(declaration: JobKindDeclaration, title: string, run: (job: JobContext) => Promise<unknown>): JobInfo {
    const id = randomUUID();
    const startedAt = new Date().toISOString();
    const controller = new AbortController();
    const { kind } = declaration;
    const info = jobInfoSchema.parse({
      id,
      kind,
      title,
      state: 'running',
      fraction: 0,
      step: null,
      stepDetail: null,
      startedAt,
      endedAt: null,
      error: null,
      result: null,
      cancellable: true,
    });
    const live: LiveJob = { info, controller, done: Promise.resolve(), logs: [], nextSeq: 1 };
    this.jobs.set(id, live);
    this.journal.append({ op: 'start', id, kind, title, at: startedAt, pid: process.pid });
    this.changed(live);

    const context: JobContext = {
      id,
      signal: controller.signal,
      step: (step, detail = null) => this.progress(live, fractionIn(declaration, step, 0), step, detail),
      within: (step, part, detail = null) => this.progress(live, fractionIn(declaration, step, part), step, detail),
      progress: (fraction) => this.progress(live, fraction),
      log: (text, stream = 'info') => this.log(live, text, stream),
    };
    live.done = Promise.resolve()
      .then(() => run(context))
      .then(
        (result) => {
          if (controller.signal.aborted) this.finish(live, 'cancelled', null);
          else this.succeed(live, declaration, result ?? null);
        },
        (error: unknown) => {
          const wire = toWireError(error, title);
          if (controller.signal.aborted || wire.code === 'CANCELLED')
            this.finish(live, 'cancelled', { code: 'CANCELLED', message: `${title} was cancelled`, details: {} });
          else this.finish(live, 'failed', wire);
        },
      );
    return { ...info };
  }

  list(): JobInfo[] {
    return [...this.jobs.values()]
      .map((job) => ({ ...job.info }))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  get(id: string): JobInfo {
    return { ...this.require(id).info };
  }

  async cancel(id: string): Promise<JobInfo> {
    const job = this.require(id);
    if (job.info.state !== 'running') return { ...job.info };
    if (!job.controller) {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        `Job "${job.info.title}" runs in another Crossdock process; cancel it there`,
        { jobId: id },
      );
    }
    this.log(job, 'Cancel requested', 'info');
    job.controller.abort();
    await job.done;
    return { ...job.info };
  }

  logs(id: string, afterSeq = 0): JobLogLine[] {
    const job = this.require(id);
    job.logs ??= this.journal.readLogs(id);
    return job.logs.filter((line) => line.seq > afterSeq);
  }

  /** Resolves when the job ends; the signal stops the waiting, not the job. */
  async wait(id: string, signal?: AbortSignal): Promise<JobInfo> {
    const job = this.require(id);
    if (job.info.state === 'running') {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(new CrossdockError('CANCELLED', 'Stopped waiting for the job'));
        signal?.addEventListener('abort', onAbort, { once: true });
        void job.done.then(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
    return { ...job.info };
  }

  clearFinished(): number {
    let removed = 0;
    for (const [id, job] of this.jobs) {
      if (job.info.state === 'running') continue;
      this.jobs.delete(id);
      this.journal.forget(id);
      removed++;
    }
    return removed;
  }

  /** Cancels every job of this process and waits for them to end (on shutdown). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.info.state === 'running' && job.controller);
    for (const job of running) job.controller?.abort();
    await Promise.all(running.map((job) => job.done));
  }

  private restore(journaled: JournaledJob): void {
    const info = restoredInfo(journaled);
    // A kind this version does not know (an older version's demo job, say): nothing can show it.
    if (!info) return;
    const live: LiveJob = { info, controller: null, done: Promise.resolve(), logs: null, nextSeq: 1 };
    this.jobs.set(info.id, live);
    // A job still "running" whose process is gone was cut off: say so, durably.
    if (!journaled.end && (journaled.pid === process.pid || !processAlive(journaled.pid))) {
      this.finish(live, 'interrupted', {
        code: 'FAILED_PRECONDITION',
        message: `${info.title} was interrupted: the Crossdock process running it ended before it finished`,
        details: { jobId: info.id },
      });
    }
  }

  private progress(job: LiveJob, fraction: number, step?: string, detail: string | null = null): void {
    if (job.info.state !== 'running') return;
    const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    if (step === undefined) {
      job.info = { ...job.info, fraction: clamped };
    } else {
      const stepChanged = step !== job.info.step || detail !== job.info.stepDetail;
      // Checked against the kind's declaration (the types already do for the contract's kinds).
      job.info = jobInfoSchema.parse({ ...job.info, fraction: clamped, step, stepDetail: detail });
      if (stepChanged) this.journal.append({ op: 'progress', id: job.info.id, fraction: clamped, step, detail });
    }
    this.changed(job);
  }

  /** Ends a job with its result, which must match the kind's declared schema. */
  private succeed(job: LiveJob, declaration: JobKindDeclaration, result: unknown): void {
    if (declaration.result.safeParse(result).success && jobInfoSchema.safeParse({ ...job.info, result }).success) {
      this.finish(job, 'succeeded', null, result);
      return;
    }
    this.finish(job, 'failed', {
      code: 'INTERNAL',
      message: `${job.info.title} returned a result that does not match what a ${job.info.kind} job declares`,
      details: { jobId: job.info.id },
    });
  }

  private log(job: LiveJob, text: string, stream: JobLogStream): void {
    const line: JobLogLine = { jobId: job.info.id, seq: job.nextSeq++, at: new Date().toISOString(), stream, text };
    job.logs ??= [];
    job.logs.push(line);
    this.journal.appendLog(line);
    this.events.emit('jobs.log', line);
  }

  private finish(
    job: LiveJob,
    state: Exclude<JobInfo['state'], 'running'>,
    error: JobInfo['error'],
    result: unknown = null,
  ): void {
    const at = new Date().toISOString();
    job.info = jobInfoSchema.parse({
      ...job.info,
      state,
      endedAt: at,
      error,
      result,
      cancellable: false,
      fraction: state === 'succeeded' ? 1 : job.info.fraction,
    });
    this.journal.append({ op: 'end', id: job.info.id, state, at, error, result });
    this.changed(job);
  }

  private changed(job: LiveJob): void {
    this.events.emit('jobs.changed', { ...job.info });
  }

  private require(id: string): LiveJob {
    const job = this.jobs.get(id);
    if (!job) throw new CrossdockError('NOT_FOUND', `There is no job with id ${id}`, { jobId: id });
    return job;
  }
}

/**
 * A journaled job as a JobInfo of its kind. Lines written by older versions may name a step the
 * kind no longer declares (`service web`, `bootstrap: packages`): the step is then unknown and its
 * text kept as the detail; a result that no longer matches its kind's schema is dropped. A kind
 * this version does not know at all gives null.
 */
export function restoredInfo(journaled: JournaledJob): JobInfo | null {
  const candidate = {
    id: journaled.id,
    kind: journaled.kind,
    title: journaled.title,
    state: journaled.end?.state ?? 'running',
    fraction: journaled.fraction,
    step: journaled.step,
    stepDetail: journaled.stepDetail,
    startedAt: journaled.startedAt,
    endedAt: journaled.end?.at ?? null,
    error: journaled.end?.error ?? null,
    result: journaled.end?.result ?? null,
    cancellable: false,
  };
  const attempts = [
    candidate,
    { ...candidate, result: null },
    { ...candidate, step: null, stepDetail: journaled.stepDetail ?? journaled.step },
    { ...candidate, step: null, stepDetail: journaled.stepDetail ?? journaled.step, result: null },
  ];
  for (const attempt of attempts) {
    const parsed = jobInfoSchema.safeParse(attempt);
    if (parsed.success) return parsed.data;
  }
  return null;
}
