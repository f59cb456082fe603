import { spawn } from 'node:child_process';

/**
 * Docker's credential helper protocol: `docker-credential-NAME get` reads a server URL on stdin
 * and prints `{"ServerURL","Username","Secret"}`; `list` prints `{serverURL: username}`. A
 * Username of `<token>` means the Secret is an identity token.
 */
export interface HelperCredentials {
  username: string;
  secret: string;
}

// A helper name becomes a program name: nothing that could be a path or an option.
const HELPER_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

export function helperProgram(name: string): string | null {
  return HELPER_NAME.test(name) ? `docker-credential-${name}` : null;
}

/** Runs a helper with `input` on stdin; resolves to its stdout, or rejects with a reason fit to show. */
function runHelper(program: string, action: string, input: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'ENOENT' ? `${program} is not on PATH` : `${program} failed: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stdout);
      // Helpers print "credentials not found in native keychain" and the like on stdout or stderr.
      const said = (stderr.trim() || stdout.trim()).split('\n')[0]?.slice(0, 200) ?? '';
      reject(
        new Error(
          `${program} ${action} ${signal ? `was killed (${signal})` : `exited ${code}`}${said ? `: ${said}` : ''}`,
        ),
      );
    });
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin
    child.stdin.end(input);
  });
}

/** The login a helper holds for `server` (as written in the Docker config). */
export async function helperGet(name: string, server: string, timeoutMs = 20_000): Promise<HelperCredentials> {
  const program = helperProgram(name);
  if (!program) throw new Error(`"${name}" is not a credential helper name`);
  const output = await runHelper(program, 'get', server, timeoutMs);
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw new Error(`${program} get printed something other than JSON`);
  }
  const { Username: username, Secret: secret } = (parsed ?? {}) as { Username?: unknown; Secret?: unknown };
  if (typeof secret !== 'string' || secret === '') throw new Error(`${program} get returned no secret`);
  return { username: typeof username === 'string' ? username : '', secret };
}

/** The servers a helper (a `credsStore`) holds logins for, with their usernames. */
export async function helperList(name: string, timeoutMs = 20_000): Promise<Record<string, string>> {
  const program = helperProgram(name);
  if (!program) throw new Error(`"${name}" is not a credential helper name`);
  const output = await runHelper(program, 'list', '', timeoutMs);
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw new Error(`${program} list printed something other than JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
