import { CrossdockError, projectName, type CrossdockApi, type ServerImpl } from '../../../shared/index.js';
import { acrossHosts } from '../containers/cross-host.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory } from '../hosts/inventory.js';
import type { JobRegistry } from '../jobs/registry.js';
import type { Logger } from '../log/logger.js';
import type { Vault } from '../vault/index.js';
import { loadCompose } from './compose/load-compose.js';
import { formatIssue, invalidCompose } from './compose-issues.js';
import { LABEL } from './deploy/compose-labels.js';
import { buildNeedsFolder, servicesThatBuild } from './deploy/build-images.js';
import { deployJob } from './deploy/deploy-job.js';
import { projectsFrom } from './project-listing.js';
import { removeProject } from './remove-project.js';
import { WorkloadSecrets } from './workload-secrets.js';
import type { RegistryAuthResolver } from '../images/pull-image.js';

export interface WorkloadsServiceDeps {
  inventory: HostInventory;
  runtime: HostRuntime;
  jobs: JobRegistry;
  vault: Vault;
  logger?: Logger;
  /** Credentials for the registries images are pulled from; none: anonymous pulls. */
  registryAuth?: RegistryAuthResolver | undefined;
}

export function workloadsService(deps: WorkloadsServiceDeps): ServerImpl<CrossdockApi>['workloads'] {
  const secrets = new WorkloadSecrets(deps.vault, deps.logger);
  // One deploy per project and host at a time: two interleaved ones would fight over containers.
  const deploying = new Set<string>();

  return {
    validate: async (input) => {
      const loaded = loadCompose(input, (name) => secrets.has(name));
      return {
        valid: !loaded.issues.some((issue) => issue.severity === 'error'),
        issues: loaded.issues,
        summary: loaded.summary,
      };
    },
    deploy: async (args) => {
      const host = deps.inventory.find(args.host);
      const loaded = loadCompose(args, (name) => secrets.has(name));
      if (!loaded.file) throw invalidCompose(loaded.issues);
      const project = args.project ?? loaded.file.name;
      if (!project)
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          'Name the project: give one (--project in the CLI) or put name: at the top of the compose file',
        );
      const checked = projectName.safeParse(project);
      if (!checked.success)
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `The project name "${project}" is not valid: ${checked.error.issues[0]?.message ?? 'use lowercase letters, digits, "_" and "-"'}`,
          { project },
        );
      const key = `${host.id}/${project}`;
      if (deploying.has(key))
        throw new CrossdockError(
          'ALREADY_RUNNING',
          `A deploy of ${project} to ${host.name} is already running; wait for it or cancel it ("crossdock jobs ls")`,
          { host: host.name, project },
        );
      if (!args.workingDir && servicesThatBuild(loaded.file).length > 0) throw buildNeedsFolder(loaded.file);
      const warnings = loaded.issues.filter((issue) => issue.severity === 'warning').map(formatIssue);
      const run = deployJob({ runtime: deps.runtime, secrets, registryAuth: deps.registryAuth }, host, {
        project,
        file: loaded.file,
        environments: loaded.environments,
        order: loaded.order,
        autoPorts: args.autoPorts ?? false,
        forceRecreate: args.forceRecreate ?? false,
        pullPolicy: args.pull ?? null,
        configFile: args.configFile ?? null,
        workingDir: args.workingDir ?? null,
      });
      deploying.add(key);
      return deps.jobs.start('deploy', `Deploy ${project} to ${host.name}`, async (job) => {
        try {
          warnings.forEach((warning) => job.log(`[compose] warning: ${warning}`));
          return await run(job);
        } finally {
          deploying.delete(key);
        }
      });
    },
    list: ({ hosts }, ctx) =>
      acrossHosts(deps, hosts, async (engine, host) =>
        projectsFrom(
          { hostId: host.id, hostName: host.name },
          await engine.call((d) =>
            d.listContainers({ all: true, filters: { label: [LABEL.project] }, abortSignal: ctx.signal }),
          ),
        ),
      ),
    remove: async ({ host: ref, project, removeVolumes }, ctx) => {
      const host = deps.inventory.find(ref);
      return removeProject(await deps.runtime.engine(host), host.name, project, removeVolumes ?? false, ctx.signal);
    },
    setSecret: async ({ name, value }) => secrets.set(name, value),
    secrets: async () => secrets.list(),
    removeSecret: async ({ name }) => secrets.remove(name),
  };
}
