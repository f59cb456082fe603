import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A login a fake helper hands out for one server URL. */
export interface FakeHelperLogin {
  server: string;
  username: string;
  secret: string;
}

/**
 * Writes `docker-credential-NAME` into `dir` (put it first on PATH): a shell script speaking the
 * helper protocol for tests, as docker-credential-pass or -osxkeychain would — `get` reads the
 * server URL on stdin and prints its JSON or fails with the keychain's message, `list` prints
 * every server. Each request is appended to `calls.log` in `dir` (action and stdin), so a test
 * sees what was asked. Test-only; no product code imports it.
 */
export function writeFakeCredentialHelper(dir: string, name: string, logins: readonly FakeHelperLogin[]): string {
  mkdirSync(dir, { recursive: true });
  const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
  const cases = logins
    .map(
      (login) =>
        `    ${quote(login.server)}) printf '%s' ${quote(JSON.stringify({ ServerURL: login.server, Username: login.username, Secret: login.secret }))} ;;`,
    )
    .join('\n');
  const list = JSON.stringify(Object.fromEntries(logins.map((login) => [login.server, login.username])));
  const script = `#!/bin/sh
log=${quote(join(dir, 'calls.log'))}
case "$1" in
  get)
    server=$(cat)
    printf 'get %s\\n' "$server" >> "$log"
    case "$server" in
${cases}
    *) echo "credentials not found in native keychain"; exit 1 ;;
    esac ;;
  list)
    printf 'list\\n' >> "$log"
    printf '%s' ${quote(list)} ;;
  *) echo "unknown action $1" >&2; exit 2 ;;
esac
`;
  const path = join(dir, `docker-credential-${name}`);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}
