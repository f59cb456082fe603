import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo } from '../domain/jobs.js';
import type { CrossHostList } from '../domain/docker.js';
import type {
  ComposeValidation,
  PortMapping,
  RemoveReport,
  WorkloadProject,
  WorkloadSecretInfo,
} from '../domain/workloads.js';
import { hostRef } from './hosts.js';
import { noArgs, type NoArgs } from './system.js';

/** A compose project name, as the docker compose CLI accepts it. */
export const projectName = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    'a project name is lowercase letters, digits, "_" and "-", starting with a letter or digit',
  );
/** A workload secret's name, as compose files refer to it. */
export const secretName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'a secret name is letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

const composeText = z
  .string()
  .min(1)
  .max(1024 * 1024);
/**
 * Files the compose file refers to, by the path it writes (`./web.env` and `web.env` are the
 * same): env_file contents, and `.env` for `${VAR}` interpolation. The CLI reads them relative
 * to the compose file; the app asks the user to pick them.
 */
const files = z.record(z.string().min(1).max(1024), z.string().max(1024 * 1024)).optional();
/** Values for `${VAR}` interpolation; they win over `.env` (as the shell environment does for docker compose). */
const variables = z.record(z.string().min(1).max(256), z.string().max(64 * 1024)).optional();
const hosts = z.array(hostRef).max(500).optional();

export interface ComposeInput {
  /** The compose file's text (YAML). */
  compose: string;
  files?: Record<string, string> | undefined;
  variables?: Record<string, string> | undefined;
  /**
   * Profiles to enable, as `docker compose --profile` (`*` enables every one); without it,
   * `COMPOSE_PROFILES` from `variables` or `.env`. Services with profiles none of which is
   * enabled are left out, and their containers left alone.
   */
  profiles?: string[] | undefined;
}

/** Compose projects on hosts: validate, deploy (as a job), list across hosts, remove; workload secrets. */
export interface WorkloadsApi {
  /**
   * Checks a compose file against the supported part of the Compose specification without
   * touching any host: every problem with its path and line, and what the file would deploy.
   */
  validate(args: ComposeInput): Promise<ComposeValidation>;
  /**
   * Starts a deploy job of a compose project to a host. An invalid file is refused at once
   * (INVALID_ARGUMENT listing every problem with its line). The job then checks, before
   * changing anything, that every secret is in the vault, pulls the images the pull policy asks
   * for (IMAGE_NOT_FOUND, REGISTRY_AUTH_FAILED, REGISTRY_UNREACHABLE name image, host and
   * registry), builds on the host the images of services with `build:` whose context or build
   * options changed (BUILD_FAILED names service, host and failing step with the output's tail)
   * and checks every published port is free: a taken port fails with PORT_CONFLICT naming
   * host, port and holder, unless `autoPorts`, which publishes on the next free port instead.
   * Deploying again recreates only services whose configuration changed and removes services
   * no longer in the file. Its result is a DeployReport.
   */
  deploy(
    args: ComposeInput & {
      host: string;
      /** Defaults to the file's top-level `name:`; one of the two is needed. */
      project?: string | undefined;
      autoPorts?: boolean | undefined;
      /** Recreate every service even if unchanged (after changing a secret's value in the vault). */
      forceRecreate?: boolean | undefined;
      /** Pull policy for every service, over each one's `pull_policy` (default: theirs, `missing`). */
      pull?: 'missing' | 'always' | 'never' | undefined;
      /**
       * Recorded in the `com.docker.compose.project.config_files` / `.working_dir` labels; when
       * omitted, a redeploy keeps what the project recorded. `workingDir` is also the folder on
       * this computer that build contexts are read from: a file with `build:` and no `workingDir`
       * is refused (INVALID_ARGUMENT).
       */
      configFile?: string | undefined;
      workingDir?: string | undefined;
    },
  ): Promise<JobInfo>;
  /** Compose projects on the given hosts (all when omitted), Crossdock's and the compose CLI's. */
  list(args: { hosts?: string[] | undefined }): Promise<CrossHostList<WorkloadProject>>;
  /** Removes a project's containers and networks; its volumes only with `removeVolumes`. */
  remove(args: { host: string; project: string; removeVolumes?: boolean | undefined }): Promise<RemoveReport>;
  /** Stores (or replaces) a secret in the vault for compose files' `secrets:`. */
  setSecret(args: { name: string; value: string }): Promise<WorkloadSecretInfo>;
  /** The stored workload secrets' names (never their values). */
  secrets(args: NoArgs): Promise<WorkloadSecretInfo[]>;
  /** Resolves false when there was no such secret. */
  removeSecret(args: { name: string }): Promise<boolean>;
}

/** The port map: every published port on every host, with what publishes it. */
export interface PortsApi {
  list(args: { hosts?: string[] | undefined }): Promise<CrossHostList<PortMapping>>;
}

const profiles = z
  .array(
    z
      .string()
      .regex(/^([a-zA-Z0-9][a-zA-Z0-9_.-]*|\*)$/, 'a profile name, or *')
      .max(256),
  )
  .max(100)
  .optional();
const composeInput = { compose: composeText, files, variables, profiles };

export const workloadsSchemas: SchemaMap<WorkloadsApi> = {
  validate: z.strictObject(composeInput),
  deploy: z.strictObject({
    ...composeInput,
    host: hostRef,
    project: projectName.optional(),
    autoPorts: z.boolean().optional(),
    forceRecreate: z.boolean().optional(),
    pull: z.enum(['missing', 'always', 'never']).optional(),
    configFile: z.string().min(1).max(4096).optional(),
    workingDir: z.string().min(1).max(4096).optional(),
  }),
  list: z.strictObject({ hosts }),
  remove: z.strictObject({ host: hostRef, project: projectName, removeVolumes: z.boolean().optional() }),
  setSecret: z.strictObject({
    name: secretName,
    value: z
      .string()
      .min(1)
      .max(512 * 1024),
  }),
  secrets: noArgs,
  removeSecret: z.strictObject({ name: secretName }),
};

export const portsSchemas: SchemaMap<PortsApi> = {
  list: z.strictObject({ hosts }),
};
