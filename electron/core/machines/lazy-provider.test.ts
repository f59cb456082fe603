// The cloud SDKs stay unloaded until a cloud provider is used: checked in a fresh Node process
// (the test runner's own module cache would hide it), by the CommonJS modules Node has loaded.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-lazy-sdk-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const script = `
import { createRequire } from 'node:module';
const sdk = () => {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  return { aws: loaded.some((k) => k.includes('@aws-sdk/client-ec2')), gcp: loaded.some((k) => k.includes('@google-cloud/compute')) };
};
const { createCore } = await import('./electron/core/create-core.ts');
const { buildCloudProvider } = await import('./electron/core/machines/cloud-providers.ts');
const core = createCore({ dataDir: process.env.DATA_DIR, mode: 'test', knownHostsPaths: [] });
await core.connectInProcess().api.jobs.list({});
const steps = { started: sdk() };
const aws = buildCloudProvider({ name: 'a', kind: 'aws', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' }, JSON.stringify({ accessKeyId: 'AKIA', secretAccessKey: 's' }));
const gcp = buildCloudProvider({ name: 'g', kind: 'gcp', region: 'europe-west1-b', endpoint: 'http://127.0.0.1:9' },
  JSON.stringify({ type: 'service_account', project_id: 'p', client_email: 'c@p.iam.gserviceaccount.com', private_key: 'k' }));
steps.built = sdk();
// An aborted call still needs the implementation: it loads, then refuses at once.
await aws.verifyCredentials(AbortSignal.abort()).catch(() => undefined);
steps.awsUsed = sdk();
await gcp.verifyCredentials(AbortSignal.abort()).catch(() => undefined);
steps.gcpUsed = sdk();
await core.dispose();
console.log(JSON.stringify(steps));
`;

describe('cloud providers', () => {
  // A fresh Node process with tsx and two SDKs to load: generous on a busy 2-core machine.
  it('load their SDK on first use, not when the core starts or the provider is built', {
    timeout: 90_000,
  }, async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toEqual({
      started: { aws: false, gcp: false },
      built: { aws: false, gcp: false },
      awsUsed: { aws: true, gcp: false },
      gcpUsed: { aws: true, gcp: true },
    });
  });
});
