import { CrossdockError } from '../../../shared/index.js';

export interface SshTarget {
  user: string;
  address: string;
  port: number;
}

/**
 * Parses `USER@ADDRESS[:PORT]` as the CLI takes it; IPv6 addresses go in brackets
 * (`root@[2001:db8::1]:2222`), as in ssh URLs.
 */
export function parseSshTarget(text: string): SshTarget {
  const match = /^([^@\s]+)@(\[[0-9a-fA-F:.]+\]|[^\s:@[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `--ssh must look like USER@ADDRESS[:PORT] (e.g. root@203.0.113.10:22), not "${text}"`,
    );
  }
  const [, user = '', rawAddress = '', rawPort] = match;
  const port = rawPort === undefined ? 22 : Number(rawPort);
  if (port < 1 || port > 65535)
    throw new CrossdockError('INVALID_ARGUMENT', `The port in "${text}" must be from 1 to 65535`);
  return { user, address: rawAddress.replace(/^\[|\]$/g, ''), port };
}

/** Splits `HOST/CONTAINER` (container by name or id). */
export function parseContainerRef(text: string): { host: string; container: string } {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `Name a container as HOST/CONTAINER (e.g. web-1/nginx), not "${text}"`,
    );
  }
  return { host: text.slice(0, slash), container: text.slice(slash + 1) };
}
