import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobInfo } from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';

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

    const started = await client.api.system.startDemoJob({ steps: 3, stepMs: 5 });
    const done = await client.api.jobs.wait({ id: started.id });

    expect(done.state).toBe('succeeded');
    expect(done.fraction).toBe(1);
    expect(done.result).toEqual({ steps: 3 });
    expect(seen.map((job) => job.step)).toEqual(expect.arrayContaining(['Step 1 of 3', 'Step 2 of 3', 'Step 3 of 3', 'Done']));
    const fractions = seen.filter((job) => job.state === 'running').map((job) => job.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    await expect.poll(() => logs).toContain('All steps done');
    const backlog = await client.api.jobs.logs({ id: started.id });
    expect(backlog.map((line) => line.seq)).toEqual(backlog.map((_, i) => i + 1));
    expect((await client.api.jobs.logs({ id: started.id, afterSeq: 2 })).map((line) => line.seq)[0]).toBe(3);
  });

  it('cancel stops a running job and leaves it cancelled', async () => {
    const client = freshCore().connectInProcess();
    const job = await client.api.system.startDemoJob({ steps: 5, stepMs: 10_000 });
    const cancelled = await client.api.jobs.cancel({ id: job.id });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error?.code).toBe('CANCELLED');
    expect((await client.api.jobs.get({ id: job.id })).cancellable).toBe(false);
  });

  it('a failing job ends failed with its error code and message', async () => {
    const client = freshCore().connectInProcess();
    const job = await client.api.system.startDemoJob({ steps: 3, stepMs: 1, failAtStep: 2 });
    const done = await client.api.jobs.wait({ id: job.id });
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ code: 'FAILED_PRECONDITION', message: 'The demo job failed at step 2, as asked' });
  });

  it('an unknown job id is NOT_FOUND', async () => {
    const client = freshCore().connectInProcess();
    await expect(client.api.jobs.get({ id: 'no-such-job' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('are kept in the journal across a restart, and clearFinished forgets them', async () => {
    const first = freshCore();
    const job = await first.connectInProcess().api.system.startDemoJob({ steps: 2, stepMs: 1 });
    await first.jobs.wait(job.id);
    await first.dispose();

    const second = createCore({ dataDir: first.dataDir, mode: 'test' });
    cores.push(second);
    const client = second.connectInProcess();
    const [restored] = await client.api.jobs.list({});
    expect(restored).toMatchObject({ id: job.id, state: 'succeeded', step: 'Done' });
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
    expect(job.step).toBe('Step 1 of 10');
    expect(job.error?.message).toContain('interrupted');
    // Durable: a second restart does not see it running either.
    const again = createCore({ dataDir, mode: 'test' });
    cores.push(again);
    expect(again.jobs.get(jobId).state).toBe('interrupted');
    // The fixture is a whole Node process loading the core: allow for a slow, busy machine.
  }, 60_000);
});
