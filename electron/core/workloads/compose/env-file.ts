/** A line of an env file that could not be read. */
export interface EnvFileProblem {
  line: number;
  message: string;
}

/**
 * Reads an env file the way docker compose does: `KEY=VALUE` per line, `export ` allowed before
 * the key, blank lines and `#` comments skipped, values optionally in single quotes (taken as
 * they are) or double quotes (with \n, \t, \" and \\ escapes); an unquoted value ends at ` #`.
 * A line with a key and no `=` is skipped (compose takes it from the shell, which the core has not).
 */
export function parseEnvFile(text: string): { values: Record<string, string>; problems: EnvFileProblem[] } {
  const values: Record<string, string> = {};
  const problems: EnvFileProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(=)?(.*)$/.exec(line);
    if (!match?.[1] || (!match[2] && match[3] !== '')) {
      problems.push({ line: index + 1, message: `"${line.slice(0, 40)}" is not KEY=VALUE` });
      return;
    }
    if (!match[2]) return;
    values[match[1]] = unquote((match[3] ?? '').trim());
  });
  return { values, problems };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\([ntr"\\$])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
  }
  const comment = value.search(/\s#/);
  return (comment >= 0 ? value.slice(0, comment) : value).trimEnd();
}
