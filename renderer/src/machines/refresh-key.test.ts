import { describe, expect, it } from 'vitest';
import type { HostInfo, JobInfo, JobInfoOf } from '../../../shared/index.js';
import { machinesRefreshKey } from './refresh-key.js';

type Job = Pick<JobInfo, 'id' | 'kind' | 'state' | 'step'>;
type MachineStep = JobInfoOf<'machine-create'>['step'];
type Host = Pick<HostInfo, 'id' | 'status'>;
const job = (step: MachineStep, state: JobInfo['state'] = 'running'): Job => ({
  id: 'j1',
  kind: 'machine-create',
  state,
  step,
});
const host = (status: HostInfo['status'], id = 'h1'): Host => ({ id, status });

describe('machinesRefreshKey', () => {
  it('changes when a machine job moves to another stage or ends', () => {
    const base = machinesRefreshKey([job('create')], []);
    expect(machinesRefreshKey([job('ssh')], [])).not.toBe(base);
    expect(machinesRefreshKey([job('create', 'failed')], [])).not.toBe(base);
  });

  it('does not change while a job stays in one stage', () => {
    expect(machinesRefreshKey([job(null)], [])).toBe(machinesRefreshKey([job('create')], []));
  });

  it('ignores jobs of other kinds', () => {
    expect(machinesRefreshKey([{ id: 'j2', kind: 'deploy', state: 'running', step: 'services' }], [])).toBe(
      machinesRefreshKey([], []),
    );
  });

  it('changes when a host comes, goes or changes status, but not with the order of the lists', () => {
    const base = machinesRefreshKey([], [host('connected')]);
    expect(machinesRefreshKey([], [host('disconnected')])).not.toBe(base);
    expect(machinesRefreshKey([], [])).not.toBe(base);
    expect(machinesRefreshKey([], [host('connected'), host('idle', 'h2')])).toBe(
      machinesRefreshKey([], [host('idle', 'h2'), host('connected')]),
    );
  });
});
