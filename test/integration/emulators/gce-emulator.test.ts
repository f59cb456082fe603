// The GCE emulator driven only through Google's own SDK (@google-cloud/compute v6, REST
// fallback), configured by endpoint and service-account key alone, against real rig machines.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  FirewallsClient,
  GlobalOperationsClient,
  ImagesClient,
  InstancesClient,
  MachineTypesClient,
  ZoneOperationsClient,
  ZonesClient,
} from '@google-cloud/compute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRs256, startGceEmulator, type GceEmulator } from '../../emulators/gce/index.js';
import { machineHostKeyFingerprint, sha256Fingerprint } from '../../rig/host-key.js';
import { runPinned } from '../../rig/pinned-ssh.js';

const run = promisify(execFile);
const zone = 'europe-west1-b';
const instanceName = 'gce-emu-web-1';
let emulator: GceEmulator;
let keyDir: string;
let privateKey: Buffer;
let publicKey: string;

/**
 * How a client reaches the emulator, by configuration only: google-gax's REST fallback takes
 * `protocol: 'http'` with `apiEndpoint` and `port`; the key's `universe_domain` (which the SDK
 * requires to be repeated as `universeDomain`) makes google-auth-library sign a JWT per call
 * with the service-account key instead of calling the hard-coded oauth2.googleapis.com.
 */
function clientOptions() {
  const key = emulator.serviceAccountJson;
  return {
    apiEndpoint: emulator.host,
    port: emulator.port,
    protocol: 'http',
    universeDomain: key.universe_domain,
    projectId: key.project_id,
    credentials: { client_email: key.client_email, private_key: key.private_key, universe_domain: key.universe_domain },
  };
}

beforeAll(async () => {
  emulator = await startGceEmulator();
  keyDir = mkdtempSync(join(tmpdir(), 'gce-emu-key-'));
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice@laptop', '-f', join(keyDir, 'id_ed25519')]);
  privateKey = readFileSync(join(keyDir, 'id_ed25519'));
  publicKey = readFileSync(join(keyDir, 'id_ed25519.pub'), 'utf8').trim();
});

afterAll(async () => {
  await emulator?.close();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', 'label=crossdock.emulator=gce']);
  expect(stdout.trim()).toBe('');
});

async function waitZoneOperation(operations: ZoneOperationsClient, name: string): Promise<void> {
  for (;;) {
    const [operation] = await operations.wait({ project: emulator.project, zone, operation: name });
    if (operation.status === 'DONE') {
      expect(operation.error?.errors ?? []).toEqual([]);
      return;
    }
  }
}

function sshRun(address: string, username: string, fingerprint: string, command: string): Promise<string> {
  return runPinned({ host: address, username, privateKey, pinned: fingerprint }, command);
}

describe('GCE emulator through @google-cloud/compute', () => {
  it('serves the catalog: image families, machine types, zones', async () => {
    const images = new ImagesClient(clientOptions());
    const [debian] = await images.getFromFamily({ project: 'debian-cloud', family: 'debian-12' });
    expect(debian.name).toMatch(/^debian-12-bookworm-v/);
    expect(debian.family).toBe('debian-12');
    const [ubuntu] = await images.getFromFamily({ project: 'ubuntu-os-cloud', family: 'ubuntu-2404-lts-amd64' });
    expect(ubuntu.name).toMatch(/^ubuntu-2404/);
    const [rocky] = await images.getFromFamily({ project: 'rocky-linux-cloud', family: 'rocky-linux-9' });
    expect(rocky.name).toMatch(/^rocky-linux-9/);
    await expect(images.getFromFamily({ project: 'debian-cloud', family: 'debian-99' })).rejects.toMatchObject({
      code: 404,
    });

    const [types] = await new MachineTypesClient(clientOptions()).list({ project: emulator.project, zone });
    const small = types.find((t) => t.name === 'e2-small');
    expect(small).toMatchObject({ guestCpus: 2, memoryMb: 2048 });
    expect(types.find((t) => t.name === 'n2-standard-8')).toMatchObject({ guestCpus: 8, memoryMb: 32768 });

    const [zones] = await new ZonesClient(clientOptions()).list({ project: emulator.project });
    expect(new Set(zones.map((z) => z.region?.split('/').pop())).size).toBe(2);
  });

  it('creates a firewall rule with target tags through a global operation', async () => {
    const firewalls = new FirewallsClient(clientOptions());
    const [op] = await firewalls.insert({
      project: emulator.project,
      firewallResource: {
        name: 'crossdock-web',
        targetTags: ['crossdock-web'],
        allowed: [{ IPProtocol: 'tcp', ports: ['22', '80', '443'] }],
        sourceRanges: ['0.0.0.0/0'],
      },
    });
    const [done] = await new GlobalOperationsClient(clientOptions()).wait({
      project: emulator.project,
      operation: (op.latestResponse as { name: string }).name,
    });
    expect(done.status).toBe('DONE');
    const [rule] = await firewalls.get({ project: emulator.project, firewall: 'crossdock-web' });
    expect(rule.targetTags).toEqual(['crossdock-web']);
    expect(rule.allowed?.[0]).toMatchObject({ IPProtocol: 'tcp', ports: ['22', '80', '443'] });
    await expect(
      firewalls.insert({
        project: emulator.project,
        firewallResource: { name: 'crossdock-web', allowed: [{ IPProtocol: 'tcp' }] },
      }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('inserts an instance that is a real machine, pins its host key from the serial port and logs in with ssh-keys', async () => {
    const instances = new InstancesClient(clientOptions());
    const operations = new ZoneOperationsClient(clientOptions());
    const started = Date.now();
    const [op] = await instances.insert({
      project: emulator.project,
      zone,
      instanceResource: {
        name: instanceName,
        machineType: `zones/${zone}/machineTypes/e2-small`,
        labels: { crossdock: 'managed', role: 'web' },
        tags: { items: ['crossdock-web'] },
        disks: [
          {
            boot: true,
            autoDelete: true,
            initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12', diskSizeGb: '10' },
          },
        ],
        networkInterfaces: [{ accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT' }] }],
        metadata: { items: [{ key: 'ssh-keys', value: `alice:${publicKey}` }] },
      },
    });
    expect(op.latestResponse).toBeDefined();
    const operationName = (op.latestResponse as { name: string }).name;
    await waitZoneOperation(operations, operationName);
    console.log(`gce emulator: insert to DONE in ${Date.now() - started} ms`);

    const [instance] = await instances.get({ project: emulator.project, zone, instance: instanceName });
    expect(instance.status).toBe('RUNNING');
    expect(instance.labels).toEqual({ crossdock: 'managed', role: 'web' });
    expect(instance.tags?.items).toEqual(['crossdock-web']);
    const address = instance.networkInterfaces?.[0]?.networkIP ?? '';
    expect(address).toMatch(/^10\.213\.0\.(17\d|18\d)$/);
    expect(instance.networkInterfaces?.[0]?.accessConfigs?.[0]?.natIP).toBe(address);

    const container = emulator.containerName(zone, instanceName);
    const realFingerprint = await machineHostKeyFingerprint(container);
    const [serial] = await instances.getSerialPortOutput({
      project: emulator.project,
      zone,
      instance: instanceName,
      port: 1,
    });
    const block =
      /-----BEGIN SSH HOST KEY KEYS-----\n([\s\S]*?)-----END SSH HOST KEY KEYS-----/.exec(serial.contents ?? '')?.[1] ??
      '';
    const ed25519 = block.split('\n').find((line) => line.startsWith('ssh-ed25519 '));
    expect(ed25519).toBeDefined();
    const fromSerial = sha256Fingerprint(Buffer.from(ed25519!.split(' ')[1]!, 'base64'));
    expect(fromSerial).toBe(realFingerprint);

    expect((await sshRun(address, 'alice', fromSerial, 'id -un; hostname')).trim()).toBe(`alice\n${instanceName}`);
    // Only the metadata's keys open the machine: root does not accept alice's key.
    await expect(sshRun(address, 'root', fromSerial, 'true')).rejects.toThrow(/authentication/i);

    await expect(
      instances.insert({
        project: emulator.project,
        zone,
        instanceResource: { name: instanceName, machineType: `zones/${zone}/machineTypes/e2-small` },
      }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('stops and starts an instance keeping its disk and host keys, and lists by label', async () => {
    const instances = new InstancesClient(clientOptions());
    const operations = new ZoneOperationsClient(clientOptions());
    const container = emulator.containerName(zone, instanceName);
    const before = await machineHostKeyFingerprint(container);
    await run('docker', ['exec', container, 'sh', '-c', 'echo kept > /var/tmp/marker']);

    let started = Date.now();
    const [stopOp] = await instances.stop({ project: emulator.project, zone, instance: instanceName });
    await waitZoneOperation(operations, (stopOp.latestResponse as { name: string }).name);
    console.log(`gce emulator: stop in ${Date.now() - started} ms`);
    expect((await instances.get({ project: emulator.project, zone, instance: instanceName }))[0].status).toBe(
      'TERMINATED',
    );

    started = Date.now();
    const [startOp] = await instances.start({ project: emulator.project, zone, instance: instanceName });
    await waitZoneOperation(operations, (startOp.latestResponse as { name: string }).name);
    console.log(`gce emulator: start in ${Date.now() - started} ms`);
    const [instance] = await instances.get({ project: emulator.project, zone, instance: instanceName });
    expect(instance.status).toBe('RUNNING');
    expect(await machineHostKeyFingerprint(container)).toBe(before);
    const address = instance.networkInterfaces?.[0]?.networkIP ?? '';
    expect((await sshRun(address, 'alice', before, 'cat /var/tmp/marker')).trim()).toBe('kept');

    const [managed] = await instances.list({ project: emulator.project, zone, filter: 'labels.crossdock = managed' });
    expect(managed.map((i) => i.name)).toEqual([instanceName]);
    const [none] = await instances.list({ project: emulator.project, zone, filter: 'labels.crossdock = other' });
    expect(none).toEqual([]);

    // Every zone in one call: the instance under its zone's scope, the other zones say so.
    const scopes = new Map<
      string,
      { instances?: { name?: string | null }[] | null; warning?: { code?: string | null } | null }
    >();
    for await (const [scope, scoped] of instances.aggregatedListAsync(
      { project: emulator.project, filter: 'labels.crossdock = managed' },
      { autoPaginate: false },
    ))
      scopes.set(scope, scoped);
    expect(scopes.get(`zones/${zone}`)?.instances?.map((i) => i.name)).toEqual([instanceName]);
    expect(scopes.get('zones/us-central1-a')?.warning?.code).toBe('NO_RESULTS_ON_PAGE');
    expect(scopes.size).toBe(6);
    const otherLabel: unknown[] = [];
    for await (const [, scoped] of instances.aggregatedListAsync(
      { project: emulator.project, filter: 'labels.crossdock = other' },
      { autoPaginate: false },
    ))
      otherLabel.push(...(scoped.instances ?? []));
    expect(otherLabel).toEqual([]);
  });

  it('removes machines of dead emulators when it starts, and leaves live ones alone', async () => {
    // A process that has exited stands for a killed test run.
    const dead = spawnSync('true').pid;
    const suffix = randomBytes(3).toString('hex');
    const leftover = `crossdock-gce-${zone}-gce-emu-leftover-${suffix}`;
    const live = `crossdock-gce-${zone}-gce-emu-live-${suffix}`;
    const create = (name: string, owner: string) =>
      run('docker', [
        'create',
        '--name',
        name,
        '--label',
        'crossdock.emulator=gce',
        '--label',
        `crossdock.emulator.owner=${owner}`,
        'crossdock-test-machine:latest',
      ]);
    await create(leftover, `${dead}:killed-run`);
    await create(live, `${process.pid}:this-run`);
    try {
      const second = await startGceEmulator();
      await second.close();
      const names = async (name: string) =>
        (await run('docker', ['ps', '-aq', '--filter', `name=^${name}$`])).stdout.trim();
      expect(await names(leftover)).toBe('');
      expect(await names(live)).not.toBe('');
      // This file's own emulator is alive too: its machines were not touched.
      expect(
        (
          await run('docker', ['ps', '-q', '--filter', `name=^${emulator.containerName(zone, instanceName)}$`])
        ).stdout.trim(),
      ).not.toBe('');
    } finally {
      await run('docker', ['rm', '-f', leftover, live]).catch(() => undefined);
    }
  });

  it('deletes the instance (container gone) and the firewall rule', async () => {
    const instances = new InstancesClient(clientOptions());
    const container = emulator.containerName(zone, instanceName);
    const [op] = await instances.delete({ project: emulator.project, zone, instance: instanceName });
    await waitZoneOperation(new ZoneOperationsClient(clientOptions()), (op.latestResponse as { name: string }).name);
    await expect(instances.get({ project: emulator.project, zone, instance: instanceName })).rejects.toMatchObject({
      code: 404,
    });
    const { stdout } = await run('docker', ['ps', '-aq', '--filter', `name=^${container}$`]);
    expect(stdout.trim()).toBe('');

    const firewalls = new FirewallsClient(clientOptions());
    const [fwOp] = await firewalls.delete({ project: emulator.project, firewall: 'crossdock-web' });
    await new GlobalOperationsClient(clientOptions()).wait({
      project: emulator.project,
      operation: (fwOp.latestResponse as { name: string }).name,
    });
    await expect(firewalls.get({ project: emulator.project, firewall: 'crossdock-web' })).rejects.toMatchObject({
      code: 404,
    });
  });

  it("refuses calls without a valid credential in Google's error format", async () => {
    const zonesUrl = `${emulator.endpoint}/compute/v1/projects/${emulator.project}/zones`;
    const bare = await fetch(zonesUrl);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: expect.any(String) }] },
    });
    const bogus = await fetch(zonesUrl, { headers: { authorization: 'Bearer ya29.not-a-token' } });
    expect(bogus.status).toBe(401);

    // The SDK with a key the emulator never issued: refused as 401 (REST errors keep the HTTP code).
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const options = clientOptions();
    const foreign = new ZonesClient({ ...options, credentials: { ...options.credentials, private_key: stranger } });
    await expect(foreign.list({ project: emulator.project })).rejects.toMatchObject({ code: 401 });
  });

  it('runs the OAuth JWT-bearer flow: signed assertions get a token, forged ones do not', async () => {
    const key = emulator.serviceAccountJson;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: key.client_email,
      scope: 'https://www.googleapis.com/auth/compute',
      aud: key.token_uri,
      iat: now,
      exp: now + 3600,
    };
    const exchange = (assertion: string) =>
      fetch(key.token_uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      });

    const good = await exchange(signRs256(claims, createPrivateKey(key.private_key), key.private_key_id));
    expect(good.status).toBe(200);
    const { access_token: token } = (await good.json()) as { access_token: string };
    const zonesUrl = `${emulator.endpoint}/compute/v1/projects/${emulator.project}/zones`;
    expect((await fetch(zonesUrl, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const wrongSigner = await exchange(signRs256(claims, stranger));
    expect(wrongSigner.status).toBe(400);
    expect(await wrongSigner.json()).toMatchObject({ error: 'invalid_grant' });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect((await exchange(unsigned)).status).toBe(400);
    const expired = await exchange(
      signRs256({ ...claims, iat: now - 7200, exp: now - 3600 }, createPrivateKey(key.private_key)),
    );
    expect(expired.status).toBe(400);
    const wrongAudience = await exchange(
      signRs256({ ...claims, aud: 'https://oauth2.googleapis.com/token' }, createPrivateKey(key.private_key)),
    );
    expect(wrongAudience.status).toBe(400);
  });
});
