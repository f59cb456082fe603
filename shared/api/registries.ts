import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { RegistryImportReport, RegistryLoginInfo, RegistryTestResult } from '../domain/registries.js';
import { normalizeRegistry } from './registry-name.js';
import { noArgs, type NoArgs } from './system.js';

/** A registry as a user writes it (`ghcr.io`, `HOST:5000`, `https://index.docker.io/v1/`). */
export const registryName = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine(
    (name) => normalizeRegistry(name) !== null,
    'give a registry host, optionally with a port: ghcr.io, HOST:5000',
  );

/**
 * Registry logins, kept once on this computer: the password or token in the vault, the rest in
 * the settings file. Pulls send them with each request as the Docker API's auth header; nothing
 * is ever written on a host. No method returns a password.
 */
export interface RegistriesApi {
  /** Saved logins, by registry name; works while the vault is locked. */
  list(args: NoArgs): Promise<RegistryLoginInfo[]>;
  /**
   * Saves (or replaces) the login for a registry. It is checked against the registry's `/v2/`
   * endpoint first unless `verify` is false: a refused login is REGISTRY_AUTH_FAILED, a registry
   * that does not answer REGISTRY_UNREACHABLE, and nothing is saved.
   */
  login(args: {
    registry: string;
    username: string;
    password: string;
    verify?: boolean | undefined;
  }): Promise<RegistryLoginInfo>;
  /** Checks the saved login against the registry from this computer. */
  test(args: { registry: string }): Promise<RegistryTestResult>;
  /** Forgets a login (its secret is deleted from the vault); NOT_FOUND when there is none. */
  remove(args: { registry: string }): Promise<void>;
  /**
   * Saves the logins of this computer's Docker client (`$DOCKER_CONFIG/config.json` or
   * `~/.docker/config.json`): `auths` entries, and credential helpers (`credsStore`,
   * `credHelpers`), which it runs. Logins are not checked; `test` checks one.
   */
  import(args: NoArgs): Promise<RegistryImportReport>;
}

export const registriesSchemas: SchemaMap<RegistriesApi> = {
  list: noArgs,
  login: z.strictObject({
    registry: registryName,
    username: z.string().trim().min(1).max(256),
    password: z
      .string()
      .min(1)
      .max(16 * 1024),
    verify: z.boolean().optional(),
  }),
  test: z.strictObject({ registry: registryName }),
  remove: z.strictObject({ registry: registryName }),
  import: noArgs,
};
