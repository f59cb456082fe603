import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../shared/index.js';
import { jobsSummary } from './jobs-summary.js';

const jobs = (...states: JobState[]) => states.map((state) => ({ state }));

describe('jobsSummary', () => {
  it('says how the finished jobs ended instead of calling them all finished', () => {
    expect(jobsSummary(jobs('failed', 'succeeded', 'failed'))).toBe('2 failed · 1 done');
    expect(jobsSummary(jobs('running', 'interrupted', 'cancelled', 'succeeded'))).toBe(
      '1 running · 1 failed · 1 cancelled · 1 done',
    );
    expect(jobsSummary(jobs('succeeded'))).toBe('1 done');
    expect(jobsSummary([])).toBe('none');
  });
});
