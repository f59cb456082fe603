/** The characters the core accepts in a key name (see `keyName` in shared/api/keys.ts). */
const ALLOWED = /[^\w.@-]+/g;
const MAX_LENGTH = 100;

/** A key name from a file name: `/home/me/.ssh/id_ed25519` → `id_ed25519`, `deploy key.pem` → `deploy-key`. */
export function keyNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(pem|key|ppk|txt)$/i, '');
  return stem
    .replace(ALLOWED, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH);
}

/** `base`, or `base-2`, `base-3`… when that name is taken. */
export function uniqueKeyName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_LENGTH - String(n).length - 1)}-${n}`;
    if (!names.has(candidate)) return candidate;
  }
}

/** Why a name cannot be used, or null. */
export function keyNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the key a name.';
  if (trimmed.length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  if (/[^\w.@-]/.test(trimmed)) return 'Use letters, digits, ".", "_", "-" or "@".';
  return null;
}

/** The command that authorizes a public key for the user it runs as, quoted for a POSIX shell. */
export function authorizeCommand(publicKey: string): string {
  const quoted = `'${publicKey.trim().replace(/'/g, `'\\''`)}'`;
  return `mkdir -p ~/.ssh && chmod 700 ~/.ssh && echo ${quoted} >> ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys`;
}
