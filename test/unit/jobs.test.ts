import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobInfo } from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { startTestJob, TEST_STEPS_JOB } from '../fixtures/test-job.js';

const cores: Core[] = [];
const dirs: string[] = [];

function freshCore(dataDir = mkdtempSync(join(tmpdir(), 'crossdock-jobs-'))): Core {
  dirs.push(dataDir);
  const core = createCore({ dataDir, mode: 'test' });
  cores.push(core);
  return core;
}

afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('jobs', () => {
  it('report progress, log lines and a result through the API and its events', async () => {
    const core = freshCore();
    const client = core.connectInProcess();
    const seen: JobInfo[] = [];
    const logs: string[] = [];
    await client.subscribe('jobs.changed', (job) => seen.push(job)).ready;
    await client.subscribe('jobs.log', (line) => logs.push(line.text)).ready;

    const started = startTestJob(core.jobs, { steps: 3, stepMs: 5 });
    const done = await client.api.jobs.wait({ id: started.id });

    expect(done.state).toBe('succeeded');
    expect(done.fraction).toBe(1);
    expect(done.result).toEqual({ steps: 3 });
    expect(seen.map((job) => job.stepDetail)).toEqual(
      expect.arrayContaining(['Step 1 of 3', 'Step 2 of 3', 'Step 3 of 3']),
    );
    expect(seen.at(-2)?.step).toBe('done');
    const fractions = seen.filter((job) => job.state === 'running').map((job) => job.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    await expect.poll(() => logs).toContain('All steps done');
    const backlog = await client.api.jobs.logs({ id: started.id });
    expect(backlog.map((line) => line.seq)).toEqual(backlog.map((_, i) => i + 1));
    expect((await client.api.jobs.logs({ id: started.id, afterSeq: 2 })).map((line) => line.seq)[0]).toBe(3);
  });

  it('cancel stops a running job and leaves it cancelled', async () => {
    const core = freshCore();
    const client = core.connectInProcess();
    const job = startTestJob(core.jobs, { steps: 5, stepMs: 10_000 });
    const cancelled = await client.api.jobs.cancel({ id: job.id });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error?.code).toBe('CANCELLED');
    expect((await client.api.jobs.get({ id: job.id })).cancellable).toBe(false);
  });

  it('a failing job ends failed with its error code and message', async () => {
    const core = freshCore();
    const client = core.connectInProcess();
    const job = startTestJob(core.jobs, { steps: 3, stepMs: 1, failAtStep: 2 });
    const done = await client.api.jobs.wait({ id: job.id });
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'The test job failed at step 2, as asked',
    });
  });

  it('an unknown job id is NOT_FOUND', async () => {
    const client = freshCore().connectInProcess();
    await expect(client.api.jobs.get({ id: 'no-such-job' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('are kept in the journal across a restart, and clearFinished forgets them', async () => {
    const first = freshCore();
    const job = startTestJob(first.jobs, { steps: 2, stepMs: 1 });
    await first.jobs.wait(job.id);
    await first.dispose();

    const second = createCore({ dataDir: first.dataDir, mode: 'test' });
    cores.push(second);
    const client = second.connectInProcess();
    const [restored] = await client.api.jobs.list({});
    expect(restored).toMatchObject({ id: job.id, state: 'succeeded', step: 'done', result: { steps: 2 } });
    expect((await client.api.jobs.logs({ id: job.id })).length).toBeGreaterThan(0);
    expect(await client.api.jobs.clearFinished({})).toBe(1);
    expect(await client.api.jobs.list({})).toEqual([]);
    expect(readdirSync(join(first.dataDir, 'jobs')).filter((f) => f.endsWith('.log.jsonl'))).toEqual([]);
  });

  it('a job whose process was killed is listed as interrupted after a restart, not running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-crash-'));
    dirs.push(dataDir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/start-job-then-hang.ts'], {
      env: { ...process.env, CROSSDOCK_HOME: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const jobId = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`the fixture exited early with ${code}`)));
    });
    expect(readFileSync(join(dataDir, 'jobs', 'journal.jsonl'), 'utf8')).toContain(jobId);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const client = freshCore(dataDir).connectInProcess();
    const job = await client.api.jobs.get({ id: jobId });
    expect(job.state).toBe('interrupted');
    expect(job).toMatchObject({ step: 'work', stepDetail: 'Step 1 of 10' });
    expect(job.error?.message).toContain('interrupted');
    // Durable: a second restart does not see it running either.
    const again = createCore({ dataDir, mode: 'test' });
    cores.push(again);
    expect(again.jobs.get(jobId).state).toBe('interrupted');
    // The fixture is a whole Node process loading the core: allow for a slow, busy machine.
  }, 60_000);

  it('loads a journal written by an older version: unknown kinds dropped, old step names kept as the detail', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-old-journal-'));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, 'jobs'));
    const at = '2026-01-01T00:00:00.000Z';
    const lines = [
      // The demo job of earlier versions: no kind of this version shows it.
      { op: 'start', id: 'old-demo', kind: 'demo', title: 'Demo job (2 steps)', at, pid: 1 },
      { op: 'progress', id: 'old-demo', fraction: 0.5, step: 'Step 2 of 2' },
      { op: 'end', id: 'old-demo', state: 'succeeded', at, error: null, result: { steps: 2 } },
      // A deploy that reported its services as `service NAME`, with a result of the current shape.
      { op: 'start', id: 'old-deploy', kind: 'deploy', title: 'Deploy shop to web-1', at, pid: 1 },
      { op: 'progress', id: 'old-deploy', fraction: 0.3, step: 'service web' },
      {
        op: 'end',
        id: 'old-deploy',
        state: 'succeeded',
        at,
        error: null,
        result: {
          host: 'web-1',
          project: 'shop',
          services: [],
          createdNetworks: [],
          createdVolumes: [],
          reassignedPorts: [],
          changed: false,
        },
      },
      // A bootstrap whose result no longer matches its kind's schema, and one with a current step.
      { op: 'start', id: 'old-bootstrap', kind: 'bootstrap', title: 'Install Docker on web-1', at, pid: 1 },
      { op: 'progress', id: 'old-bootstrap', fraction: 0.9, step: 'verify' },
      { op: 'end', id: 'old-bootstrap', state: 'succeeded', at, error: null, result: { os: 'debian' } },
    ];
    writeFileSync(join(dataDir, 'jobs', 'journal.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');

    const jobs = freshCore(dataDir).jobs.list();
    expect(jobs.map((job) => job.id).sort()).toEqual(['old-bootstrap', 'old-deploy']);
    const deploy = jobs.find((job) => job.id === 'old-deploy');
    expect(deploy).toMatchObject({ kind: 'deploy', step: null, stepDetail: 'service web', state: 'succeeded' });
    expect(deploy?.kind === 'deploy' ? deploy.result?.project : null).toBe('shop');
    expect(jobs.find((job) => job.id === 'old-bootstrap')).toMatchObject({
      kind: 'bootstrap',
      step: 'verify',
      result: null,
    });
  });

  it("a result that does not match its kind's declared schema fails the job", async () => {
    const core = freshCore();
    const job = core.jobs.startExtension({ ...TEST_STEPS_JOB }, 'Returns the wrong shape', async () => ({
      steps: 'three',
    }));
    const done = await core.jobs.wait(job.id);
    expect(done).toMatchObject({ state: 'failed', result: null, error: { code: 'INTERNAL' } });
    expect(done.error?.message).toContain('does not match what a x-test-steps job declares');
  });

  it("a client following one job receives only that job's changes and log lines", async () => {
    const core = freshCore();
    const client = core.connectInProcess();
    const first = startTestJob(core.jobs, { steps: 3, stepMs: 5 });
    const changes: string[] = [];
    const lines: string[] = [];
    await client.subscribe('jobs.changed', (job) => changes.push(job.id), { jobId: first.id }).ready;
    await client.subscribe('jobs.log', (line) => lines.push(line.jobId), { jobId: first.id }).ready;
    const second = startTestJob(core.jobs, { steps: 3, stepMs: 5 });
    await Promise.all([core.jobs.wait(first.id), core.jobs.wait(second.id)]);
    await client.api.jobs.list({}); // a round trip: every event sent before it has arrived
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes)).toEqual(new Set([first.id]));
    expect(new Set(lines)).toEqual(new Set([first.id]));
  });
});
