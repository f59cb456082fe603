import { CrossdockError } from '../../../shared/index.js';

/** What Crossdock wants in every daemon.json: bounded logs, containers that survive an engine restart. */
export const DAEMON_DEFAULTS = {
  'log-driver': 'json-file',
  'log-opts': { 'max-size': '10m', 'max-file': '3' },
  'live-restore': true,
} as const;

// Log drivers that understand max-size / max-file.
const ROTATING_DRIVERS = new Set(['json-file', 'local']);

export interface DaemonConfigMerge {
  /** The file to write (2-space JSON and a newline); equal to the input's meaning when unchanged. */
  text: string;
  changed: boolean;
  /** Keys added, e.g. `log-opts.max-size`, for the log. */
  added: string[];
}

/**
 * Merges Crossdock's defaults into an existing daemon.json: only missing keys are added, nothing
 * the administrator set is replaced (a different log driver keeps its own options). Invalid JSON
 * is refused rather than overwritten.
 */
export function mergeDaemonConfig(existing: string | null, extra: Record<string, string> = {}): DaemonConfigMerge {
  let config: Record<string, unknown> = {};
  if (existing !== null && existing.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch (error) {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        `/etc/docker/daemon.json is not valid JSON (${(error as Error).message}); fix or remove it, Crossdock will not overwrite it`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        '/etc/docker/daemon.json is not a JSON object; fix or remove it, Crossdock will not overwrite it',
      );
    }
    config = { ...(parsed as Record<string, unknown>) };
  }
  const added: string[] = [];
  const addMissing = (key: string, value: unknown): void => {
    if (!(key in config)) {
      config[key] = value;
      added.push(key);
    }
  };
  addMissing('log-driver', DAEMON_DEFAULTS['log-driver']);
  if (ROTATING_DRIVERS.has(String(config['log-driver']))) {
    const current = config['log-opts'];
    const opts: Record<string, unknown> =
      typeof current === 'object' && current !== null && !Array.isArray(current)
        ? { ...(current as Record<string, unknown>) }
        : {};
    for (const [key, value] of Object.entries(DAEMON_DEFAULTS['log-opts'])) {
      if (!(key in opts)) {
        opts[key] = value;
        added.push(`log-opts.${key}`);
      }
    }
    config['log-opts'] = opts;
  }
  addMissing('live-restore', DAEMON_DEFAULTS['live-restore']);
  for (const [key, value] of Object.entries(extra)) addMissing(key, value);
  return { text: `${JSON.stringify(config, null, 2)}\n`, changed: added.length > 0, added };
}
