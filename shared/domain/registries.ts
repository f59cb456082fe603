/** A registry login as every client sees it: never the password or token, which stay in the vault. */
export interface RegistryLoginInfo {
  /** Normalised `host[:port]`; Docker Hub is `docker.io`. */
  registry: string;
  username: string;
  /** ISO 8601: when the login was saved (or last replaced). */
  savedAt: string;
}

/** What `registries.test` found. */
export interface RegistryTestResult {
  registry: string;
  /**
   * `basic`: the registry accepted the login by HTTP Basic auth; `token`: its token server issued
   * a token for it; `anonymous`: the registry needs no login at all (the saved one is not checked).
   */
  auth: 'basic' | 'token' | 'anonymous';
  /** The URL that answered, `https://HOST/v2/` (or `http://` for a registry on this computer's loopback). */
  endpoint: string;
}

/** One Docker client login that `registries.import` saved. */
export interface ImportedRegistryLogin {
  registry: string;
  username: string;
  /** Where it came from: `auths`, or `helper docker-credential-NAME`. */
  source: string;
}

/** One entry of the Docker client config that `registries.import` did not save, and why. */
export interface SkippedRegistryLogin {
  /** The entry's key as written in the Docker config (a URL or a host). */
  server: string;
  reason: string;
}

/** The result of `registries.import`. */
export interface RegistryImportReport {
  /** The Docker config file read, or null when there was none. */
  configPath: string | null;
  imported: ImportedRegistryLogin[];
  skipped: SkippedRegistryLogin[];
}
