/**
 * The one byte formatter of the app, web mode and CLI. Binary units (1 KiB = 1024 bytes), the units
 * `docker stats` and the memory charts use, so a migration's "2.00 MiB of 1.98 MiB" and a
 * container's memory limit never mix MB and MiB. Three significant digits.
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.5 KiB would print as "1024 KiB": carry it into the next unit.
  if (unit > 0 && Number(value.toFixed(0)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
