import { describe, expect, it } from 'vitest';
import {
  fractionIn,
  JOB_KINDS,
  jobInfoSchema,
  jobResult,
  MIGRATION_JOB,
  stepStart,
  type JobInfo,
} from '../../shared/index.js';
import type { JobRunner } from '../../electron/core/jobs/registry.js';

describe('job kinds declared in the contract', () => {
  it('each declares its steps once, with shares of the progress that add up to 1', () => {
    for (const declaration of Object.values(JOB_KINDS)) {
      const ids = declaration.steps.map((step) => step.id);
      expect(new Set(ids).size, declaration.kind).toBe(ids.length);
      const total = declaration.steps.reduce((sum, step) => sum + step.share, 0);
      expect(total, declaration.kind).toBeCloseTo(1, 9);
    }
  });

  it('places each step in the progress, a step run alongside another where that one starts', () => {
    expect(stepStart(MIGRATION_JOB, 'plan')).toBe(0);
    expect(stepStart(MIGRATION_JOB, 'images')).toBeCloseTo(0.08);
    expect(stepStart(MIGRATION_JOB, 'volumes-bulk')).toBeCloseTo(0.08);
    expect(stepStart(MIGRATION_JOB, 'checksums')).toBeCloseTo(0.7);
    expect(fractionIn(MIGRATION_JOB, 'volumes-bulk', 0.5)).toBeCloseTo(0.39);
    expect(stepStart(MIGRATION_JOB, 'finish-source')).toBeCloseTo(0.98);
  });

  it("a job context accepts only its kind's step ids (checked by the compiler)", () => {
    const deploy: JobRunner<'deploy'> = async (job) => {
      job.step('resources', 'networks');
      // @ts-expect-error — `packages` is a bootstrap step, not a deploy step.
      job.step('packages');
      return {
        host: 'h',
        project: 'p',
        services: [],
        createdNetworks: [],
        createdVolumes: [],
        reassignedPorts: [],
        changed: false,
      };
    };
    // @ts-expect-error — a deploy job must return a DeployReport.
    const wrongResult: JobRunner<'deploy'> = async () => ({ steps: 3 });
    expect([deploy, wrongResult]).toHaveLength(2);
  });

  it('parses a JobInfo against its kind: unknown steps and mismatched results are refused', () => {
    const base = {
      id: 'j',
      title: 't',
      state: 'succeeded',
      fraction: 1,
      stepDetail: null,
      startedAt: 'a',
      endedAt: 'b',
      error: null,
      cancellable: false,
    };
    expect(jobInfoSchema.safeParse({ ...base, kind: 'deploy', step: 'done', result: null }).success).toBe(true);
    expect(jobInfoSchema.safeParse({ ...base, kind: 'deploy', step: 'packages', result: null }).success).toBe(false);
    expect(jobInfoSchema.safeParse({ ...base, kind: 'deploy', step: 'done', result: { steps: 3 } }).success).toBe(
      false,
    );
    expect(jobInfoSchema.safeParse({ ...base, kind: 'demo', step: null, result: null }).success).toBe(false);
    expect(
      jobInfoSchema.safeParse({ ...base, kind: 'x-anything', step: 'whatever', result: { steps: 3 } }).success,
    ).toBe(true);
  });

  it('reads a result by kind, narrowed, and null for another kind or an unfinished job', () => {
    const job: JobInfo = {
      id: 'j',
      kind: 'migration-rollback',
      title: 't',
      state: 'succeeded',
      fraction: 1,
      step: 'rollback',
      stepDetail: null,
      startedAt: 'a',
      endedAt: 'b',
      error: null,
      cancellable: false,
      result: { id: 'm', state: 'failed-rolled-back' },
    };
    const rolledBack = jobResult(job, 'migration-rollback');
    expect(rolledBack?.state).toBe('failed-rolled-back');
    expect(jobResult(job, 'migration')).toBeNull();
    expect(jobResult({ ...job, state: 'running', result: null }, 'migration-rollback')).toBeNull();
  });
});
