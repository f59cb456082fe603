import { describe, expect, it } from 'vitest';
import { runStepTable, type StepSinks, type StepTable } from './step-runner.js';

type Id = 'one' | 'two' | 'left' | 'right' | 'last';
interface Run {
  ran: string[];
  skipLast: boolean;
}

function recorder(): { events: string[]; sinks: StepSinks<Id> } {
  const events: string[] = [];
  return {
    events,
    sinks: {
      begin: (id) => events.push(`begin ${id}`),
      done: (id, detail) => events.push(`done ${id}: ${detail}`),
      failed: (id, error) => events.push(`failed ${id}: ${error instanceof Error ? error.message : String(error)}`),
    },
  };
}

const wait = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('aborted'))), { once: true });
  });

describe('runStepTable', () => {
  it('runs the steps in order, a group at once, journaling each with its detail, and skips what `when` refuses', async () => {
    const table: StepTable<Id, Run> = [
      { id: 'one', run: async (run) => (run.ran.push('one'), 'first') },
      {
        together: [
          {
            id: 'left',
            run: async (run, signal) => (
              run.ran.push('left starts'), await wait(30, signal), run.ran.push('left ends'), null
            ),
          },
          {
            id: 'right',
            run: async (run, signal) => (
              run.ran.push('right starts'), await wait(10, signal), run.ran.push('right ends'), '2 bytes'
            ),
          },
        ],
        then: (run) => run.ran.push('group done'),
      },
      { id: 'two', run: async (run) => (run.ran.push('two'), null) },
      { id: 'last', when: (run) => !run.skipLast, run: async (run) => (run.ran.push('last'), null) },
    ];
    const run: Run = { ran: [], skipLast: true };
    const { events, sinks } = recorder();
    await runStepTable(table, run, sinks, new AbortController().signal);
    expect(run.ran).toEqual(['one', 'left starts', 'right starts', 'right ends', 'left ends', 'group done', 'two']);
    expect(events).toEqual([
      'begin one',
      'done one: first',
      'begin left',
      'begin right',
      'done right: 2 bytes',
      'done left: null',
      'begin two',
      'done two: null',
    ]);
  });

  it('stops at a failing step: its sibling in the group is cancelled, both journaled failed, the first error thrown', async () => {
    const table: StepTable<Id, Run> = [
      {
        together: [
          { id: 'left', run: async (_run, signal) => (await wait(5_000, signal), null) },
          { id: 'right', run: async () => Promise.reject(new Error('disk full')) },
        ],
        then: (run) => run.ran.push('group done'),
      },
      { id: 'last', run: async (run) => (run.ran.push('last'), null) },
    ];
    const run: Run = { ran: [], skipLast: false };
    const { events, sinks } = recorder();
    const started = Date.now();
    await expect(runStepTable(table, run, sinks, new AbortController().signal)).rejects.toThrow('disk full');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(run.ran).toEqual([]);
    expect(events).toEqual(['begin left', 'begin right', 'failed right: disk full', 'failed left: aborted']);
  });

  it('does not begin another step once the job is cancelled', async () => {
    const controller = new AbortController();
    const table: StepTable<Id, Run> = [
      { id: 'one', run: async () => (controller.abort(), null) },
      { id: 'two', run: async (run) => (run.ran.push('two'), null) },
    ];
    const run: Run = { ran: [], skipLast: false };
    const { events, sinks } = recorder();
    await expect(runStepTable(table, run, sinks, controller.signal)).rejects.toThrow();
    expect(events).toEqual(['begin one', 'done one: null']);
    expect(run.ran).toEqual([]);
  });
});
