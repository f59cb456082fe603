import type Dockerode from 'dockerode';
import { CrossdockError, type DeployedService, type DeployReport, type ErrorAdvice } from '../../../../shared/index.js';
import { fromDockerApi } from '../../containers/docker-api-errors.js';
import type { HostRuntime } from '../../hosts/host-runtime.js';
import type { StoredHost } from '../../hosts/inventory.js';
import type { JobContext, JobRunner } from '../../jobs/registry.js';
import { portTargetFor } from '../../ports/port-target.js';
import { pullImage, type RegistryAuthResolver } from '../../images/pull-image.js';
import type { PullPolicy } from '../../images/pull-policy.js';
import { describePullProgress } from '../../images/pull-progress.js';
import type { ComposeFile } from '../compose/compose-model.js';
import type { WorkloadSecrets } from '../workload-secrets.js';
import { COMPOSE_VERSION, LABEL, projectFilter } from './compose-labels.js';
import { buildNeedsFolder, ensureBuilds, servicesThatBuild } from './build-images.js';
import { configHash } from './config-hash.js';
import { sharedServices } from './container-options.js';
import {
  containerCreateOptions,
  containerName,
  extraNetworks,
  resourceNames,
  type ResourceNames,
} from './container-spec.js';
import { planDeploy, toExistingContainer, type ExistingContainer } from './deploy-plan.js';
import { checkExternals, checkPorts, ensureImages, usedResources, type DockerCall } from './preflight.js';
import { putSecretFiles, type SecretFile } from './secret-files.js';
import { waitForCondition } from './wait-for-service.js';

/** A deploy as the service hands it to the job: a valid file, resolved. */
export interface DeployRequest {
  project: string;
  file: ComposeFile;
  environments: Record<string, Record<string, string>>;
  /** Service names, dependencies first. */
  order: string[];
  autoPorts: boolean;
  /** Recreate every service, changed or not (secret values are not part of the config hash). */
  forceRecreate: boolean;
  configFile: string | null;
  /** The compose file's folder: build contexts are read relative to it (a deploy that builds needs it). */
  workingDir: string | null;
  /** `--pull`: one policy for every service over its own `pull_policy`; null keeps theirs. */
  pullPolicy: PullPolicy | null;
}

/**
 * The deploy job: check (images, secrets, external resources, ports) before touching anything,
 * then networks, volumes, removal of services no longer in the file, and each service in
 * dependency order — created, recreated when its configuration or image changed, started, or
 * left as it is.
 */
export function deployJob(
  deps: { runtime: HostRuntime; secrets: WorkloadSecrets; registryAuth?: RegistryAuthResolver | undefined },
  host: StoredHost,
  request: DeployRequest,
): JobRunner<'deploy'> {
  return async (job): Promise<DeployReport> => {
    const { project, file } = request;
    const signal = job.signal;
    job.step('check', 'connect');
    const engine = await deps.runtime.engine(host);
    const call: DockerCall = (what, operation) =>
      engine.call(operation).catch((error: unknown) => Promise.reject(fromDockerApi(error, what, host.name)));

    job.within('check', 0.2);
    const names = resourceNames(project, file);
    const secretValues = readSecrets(file, deps.secrets);
    await checkExternals(file, names, host.name, call);

    job.step('pull');
    // Images pulled at once share the step: its progress is their mean, its detail the latest news.
    const pulling = new Map<string, number>();
    const imageIds = await ensureImages(file, host.name, call, {
      override: request.pullPolicy,
      pull: async (image) => {
        pulling.set(image, 0);
        job.log(`[pull] ${image} on ${host.name}`);
        const result = await pullImage(engine, image, {
          registryAuth: deps.registryAuth,
          signal,
          onProgress: (progress) => {
            pulling.set(image, progress.fraction ?? 0);
            const mean = [...pulling.values()].reduce((a, b) => a + b, 0) / pulling.size;
            job.within('pull', mean * 0.9, `${image}: ${describePullProgress(progress)}`);
          },
        });
        job.log(`[pull] ${image}: ${describePullProgress(result.progress)}`);
      },
    });
    job.step('build');
    if (request.workingDir === null && servicesThatBuild(file).length > 0) throw buildNeedsFolder(file);
    Object.assign(
      imageIds,
      await ensureBuilds(file, host.name, engine, call, {
        project,
        workingDir: request.workingDir ?? '',
        order: request.order,
        registryAuth: deps.registryAuth,
        signal,
        log: (line) => job.log(line),
        progress: (part, detail) => job.within('build', part * 0.9, detail),
      }),
    );
    job.within('build', 0.9, 'ports');
    const listed = await call('Containers', (d) =>
      d.listContainers({ all: true, filters: projectFilter(project), abortSignal: signal }),
    );
    const existing = listed.map(toExistingContainer);
    // A redeploy that does not say where the file is (the app, say) keeps what the project recorded.
    const recorded = (label: string): string | null =>
      listed.map((c) => c.Labels[label]).find((value) => value) ?? null;
    const configFile = request.configFile ?? recorded(LABEL.configFiles);
    // Builds read the folder this request names, never one a past deploy recorded (see above).
    const workingDir = request.workingDir ?? recorded(LABEL.workingDir);
    const hashes = Object.fromEntries(
      request.order.map((name) => [
        name,
        configHash(file.services[name] as ComposeFile['services'][string], {
          environment: request.environments[name] ?? {},
          networkNames: names.networks,
          volumeNames: names.volumes,
        }),
      ]),
    );
    const plan = planDeploy(
      request.order.map((name) => ({
        name,
        configHash: hashes[name] ?? '',
        imageId: imageIds[name] ?? '',
        sharesWith: sharedServices((file.services[name] as ComposeFile['services'][string]).options),
      })),
      existing,
      request.forceRecreate,
      new Set(Object.keys(file.disabledServices)),
    );
    const ports = await checkPorts(file, plan, await portTargetFor(deps.runtime, host, signal), request.autoPorts);
    for (const moved of ports.reassigned) {
      job.log(
        `[ports] ${moved.service}: ${moved.wanted}/${moved.protocol} is taken by ${moved.holder}; publishing on ${moved.assigned} instead`,
      );
    }
    job.log(
      `[check] ${plan.services.map((s) => `${s.name}: ${s.action}`).join(', ')}${plan.obsolete.length ? `; remove ${plan.obsolete.map((c) => c.name).join(', ')}` : ''}`,
    );

    job.step('resources', 'networks');
    const used = usedResources(file);
    const createdNetworks = await ensureNetworks(used.networks, file, names, project, call);
    createdNetworks.forEach((name) => job.log(`[networks] created ${name}`));
    job.within('resources', 1 / 3, 'volumes');
    const createdVolumes = await ensureVolumes(used.volumes, file, names, project, call);
    createdVolumes.forEach((name) => job.log(`[volumes] created ${name}`));

    const report: DeployedService[] = [];
    if (plan.obsolete.length > 0) job.step('services', 'remove');
    for (const container of plan.obsolete) {
      await call(`Container "${container.name}"`, (d) =>
        d.getContainer(container.id).remove({ force: true, abortSignal: signal }),
      );
      job.log(`[remove] ${container.name} (service ${container.service} is no longer in the file)`);
      if (!report.some((r) => r.name === container.service))
        report.push({ name: container.service, action: 'removed', container: container.name });
    }

    const total = plan.services.length;
    let apiVersion: string | undefined;
    for (const [index, planned] of plan.services.entries()) {
      signal.throwIfAborted();
      job.within('services', index / Math.max(1, total), planned.name);
      const service = file.services[planned.name] as ComposeFile['services'][string];
      const name = containerName(project, planned.name, service);
      if (planned.action === 'unchanged') {
        job.log(`[${planned.name}] unchanged`);
        report.push({ name: planned.name, action: 'unchanged', container: planned.existing?.name ?? name });
        continue;
      }
      await waitForDependencies(planned.name, file, project, host.name, call, signal, job);
      if (planned.action === 'start' && planned.existing) {
        await startContainer(call, planned.existing.id, name, host.name, signal);
        job.log(`[${planned.name}] started ${name}`);
        report.push({ name: planned.name, action: 'started', container: name });
        continue;
      }
      const sharedContainers: Record<string, string> = {};
      for (const shared of sharedServices(service.options)) {
        const sharedName = containerName(project, shared, file.services[shared]);
        const info = await call(`Container "${sharedName}"`, (d) => d.getContainer(sharedName).inspect());
        sharedContainers[shared] = info.Id;
      }
      const linkedContainers = Object.fromEntries(
        (service.options.links ?? []).map((link) => {
          const target = link.split(':')[0] ?? link;
          return [target, containerName(project, target, file.services[target])];
        }),
      );
      if (service.options.macAddress !== undefined && apiVersion === undefined)
        apiVersion = (await call('Engine', (d) => d.version())).ApiVersion;
      const options = containerCreateOptions(service, {
        ...(apiVersion === undefined ? {} : { apiVersion }),
        sharedContainers,
        linkedContainers,
        project,
        service: planned.name,
        environment: request.environments[planned.name] ?? {},
        names,
        configHash: hashes[planned.name] ?? '',
        imageId: imageIds[planned.name] ?? '',
        configFile,
        workingDir,
        portOverrides: ports.overrides.get(planned.name) ?? new Map(),
      });
      const secrets: SecretFile[] = service.secrets.map((s) => ({
        target: s.target,
        uid: s.uid,
        gid: s.gid,
        mode: s.mode,
        value: secretValues.get(s.source) ?? Buffer.alloc(0),
      }));
      const create = async (): Promise<void> => {
        const container = await call(`Container "${name}"`, (d) =>
          d.createContainer({ ...options, abortSignal: signal }),
        );
        try {
          for (const network of extraNetworks(service, project, planned.name, names, linkedContainers)) {
            await call(`Network "${network.name}"`, (d) =>
              d.getNetwork(network.name).connect({ Container: container.id, EndpointConfig: network.endpoint }),
            );
          }
          await putSecretFiles(container, secrets, signal);
          await startContainer(call, container.id, name, host.name, signal);
        } catch (error) {
          await container.remove({ force: true }).catch(() => undefined);
          throw error;
        }
      };
      if (planned.action === 'create') {
        await create();
        job.log(`[${planned.name}] created ${name}`);
        report.push({ name: planned.name, action: 'created', container: name });
      } else if (planned.existing) {
        await recreate(planned.existing, create, call, signal);
        job.log(`[${planned.name}] recreated ${name} (its configuration or image changed)`);
        report.push({ name: planned.name, action: 'recreated', container: name });
      }
    }
    secretValues.forEach((value) => value.fill(0));

    job.step('done');
    const changed =
      report.some((r) => r.action !== 'unchanged') || createdNetworks.length > 0 || createdVolumes.length > 0;
    return {
      host: host.name,
      project,
      services: report,
      createdNetworks,
      createdVolumes,
      reassignedPorts: ports.reassigned,
      changed,
    };
  };
}

/** The values of the secrets the services use, read once from the vault (NOT_FOUND when missing). */
function readSecrets(file: ComposeFile, secrets: WorkloadSecrets): Map<string, Buffer> {
  const values = new Map<string, Buffer>();
  for (const service of Object.values(file.services)) {
    for (const { source } of service.secrets) {
      const spec = file.secrets[source];
      if (spec && !values.has(source)) values.set(source, secrets.read(spec.vaultName));
    }
  }
  return values;
}

/**
 * Stops the old container and moves it aside, then makes the new one; if that fails, the old
 * one gets its name back and runs again, so a failed redeploy leaves the service as it was.
 */
async function recreate(
  old: ExistingContainer,
  create: () => Promise<void>,
  call: DockerCall,
  signal: AbortSignal,
): Promise<void> {
  const aside = `${old.id.slice(0, 12)}_${old.name}`;
  const container = (d: Dockerode): Dockerode.Container => d.getContainer(old.id);
  if (old.running) await call(`Container "${old.name}"`, (d) => container(d).stop({ abortSignal: signal }));
  await call(`Container "${old.name}"`, (d) => container(d).rename({ name: aside }));
  try {
    await create();
  } catch (error) {
    await call(`Container "${aside}"`, (d) => container(d).rename({ name: old.name })).catch(() => undefined);
    if (old.running) await call(`Container "${old.name}"`, (d) => container(d).start()).catch(() => undefined);
    throw error;
  }
  // Anonymous volumes stay (v: false): losing data is worse than leaving a volume behind.
  await call(`Container "${aside}"`, (d) => container(d).remove({ force: true, v: false }));
}

async function startContainer(
  call: DockerCall,
  id: string,
  name: string,
  hostName: string,
  signal: AbortSignal,
): Promise<void> {
  try {
    await call(`Container "${name}"`, (d) => d.getContainer(id).start({ abortSignal: signal }));
  } catch (error) {
    // Something took the port between the check and the start (or sits where ss cannot see it).
    if (error instanceof CrossdockError && /port is already allocated|address already in use/i.test(error.message)) {
      throw new CrossdockError(
        'PORT_CONFLICT',
        `host ${hostName}: ${name} could not publish its port: ${error.message}; choose another port`,
        { host: hostName, container: name, advice: 'auto-ports' satisfies ErrorAdvice },
      );
    }
    throw error;
  }
}

async function waitForDependencies(
  service: string,
  file: ComposeFile,
  project: string,
  hostName: string,
  call: DockerCall,
  signal: AbortSignal,
  job: JobContext,
): Promise<void> {
  for (const [dependency, condition] of Object.entries(file.services[service]?.dependsOn ?? {})) {
    if (condition.condition === 'service_started') continue;
    job.log(
      `[${service}] waiting for ${dependency} to be ${condition.condition === 'service_healthy' ? 'healthy' : 'completed successfully'}`,
    );
    const name = containerName(project, dependency, file.services[dependency]);
    await call(`Container "${name}"`, (d) =>
      waitForCondition(
        d.getContainer(name),
        {
          service: dependency,
          host: hostName,
          condition: condition.condition,
          health: file.services[dependency]?.healthcheck ?? null,
        },
        signal,
      ),
    );
  }
}

async function ensureNetworks(
  keys: string[],
  file: ComposeFile,
  names: ResourceNames,
  project: string,
  call: DockerCall,
): Promise<string[]> {
  const created: string[] = [];
  for (const key of keys) {
    const spec = file.networks[key];
    if (spec?.external) continue;
    const name = names.networks[key] ?? key;
    const found = await call('Networks', (d) => d.listNetworks({ filters: { name: [name] } }));
    if (found.some((n) => n.Name === name)) continue;
    await call(`Network "${name}"`, (d) =>
      d.createNetwork({
        Name: name,
        Driver: 'bridge',
        Internal: spec?.internal ?? false,
        CheckDuplicate: true,
        Labels: {
          ...(spec?.labels ?? {}),
          [LABEL.project]: project,
          [LABEL.network]: key,
          [LABEL.version]: COMPOSE_VERSION,
        },
      }),
    );
    created.push(name);
  }
  return created;
}

async function ensureVolumes(
  keys: string[],
  file: ComposeFile,
  names: ResourceNames,
  project: string,
  call: DockerCall,
): Promise<string[]> {
  const created: string[] = [];
  for (const key of keys) {
    const spec = file.volumes[key];
    if (!spec || spec.external) continue;
    const name = names.volumes[key] ?? key;
    const found = await call('Volumes', (d) => d.listVolumes({ filters: { name: [name] } }));
    if ((found.Volumes ?? []).some((v) => v.Name === name)) continue;
    await call(`Volume "${name}"`, (d) =>
      d.createVolume({
        Name: name,
        Driver: 'local',
        DriverOpts: spec.driverOpts,
        Labels: { ...spec.labels, [LABEL.project]: project, [LABEL.volume]: key, [LABEL.version]: COMPOSE_VERSION },
      }),
    );
    created.push(name);
  }
  return created;
}
