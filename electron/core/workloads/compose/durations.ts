const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/**
 * A Compose duration (Go's syntax: `1m30s`, `500ms`, `1.5h`) in nanoseconds, as the Docker API
 * wants healthcheck times; null when the text is not one.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed === '0') return 0;
  PART.lastIndex = 0;
  let total = 0;
  while (PART.lastIndex < trimmed.length) {
    const start = PART.lastIndex;
    const match = PART.exec(trimmed);
    if (!match || match.index !== start) return null;
    total += Number(match[1]) * (UNIT_NS[match[2] ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}
