/** Quotes a string for a POSIX shell: single quotes, with embedded ones closed and escaped. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The line every generated script starts with. stdin is closed at once: a sudo password may
 * still sit there (sudo reads one line of it), and no command of ours may read it by mistake.
 * The pid lets a cancel find and stop the script's process tree (see privileged-shell.ts).
 */
export const SCRIPT_PRELUDE = ['set -eu', 'exec </dev/null', 'echo "@crossdock pid $$"'].join('\n');
