import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  /** Registers a secret value that must never appear in a log line. */
  addSecret(secret: string): void;
}

// Whatever secret a caller forgot to register, key material has a recognisable shape.
const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

export function redact(text: string, secrets: Iterable<string>): string {
  let out = text.replace(PEM_BLOCK, '[redacted private key]');
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** JSON-lines log in `<dataDir>/logs/crossdock.log`, redacted before it is written. */
export function createFileLogger(dataDir: string, echo: (line: string) => void = () => undefined): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'crossdock.log');
  const secrets = new Set<string>();
  return {
    log(level, message, fields = {}) {
      const line = redact(JSON.stringify({ at: new Date().toISOString(), level, message, ...fields }), secrets);
      appendFileSync(file, line + '\n', { mode: 0o600 });
      if (level === 'error' || level === 'warn') echo(line);
    },
    addSecret(secret) {
      secrets.add(secret);
    },
  };
}

/** Describes an unexpected error for the log (stack included); never sent to a client. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}
