const MULTIPLIER: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const SIZE = /^(\d+(?:\.\d+)?|\.\d+) ?(?:([kmgtp])(b|ib)?|b)?$/i;

/**
 * A size as compose reads `mem_limit` and `shm_size` (go-units' RAMInBytes): a number of bytes
 * with an optional binary unit — `512m`, `1.5g`, `64MiB`, `2GB` (all powers of 1024) — truncated
 * to whole bytes; null when the text is not one.
 */
export function parseBytes(text: string): number | null {
  const match = SIZE.exec(text.trim());
  if (!match) return null;
  const multiplier = MULTIPLIER[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.trunc(Number(match[1]) * multiplier);
}
