/**
 * Y-axis ticks for memory: multiples of a power-of-two step (…, 256 KiB, 512 KiB, 1 MiB, 2 MiB, …),
 * three or four steps up to a top at or above the highest value, so every label is different
 * ("0 B, 256 KiB, 512 KiB, 768 KiB", never "1 MiB, 1 MiB, 1 MiB, 0 MiB").
 */
export function memoryTicks(maxBytes: number, steps = 4): number[] {
  const max = Number.isFinite(maxBytes) && maxBytes > 0 ? maxBytes : 1024 * 1024;
  let step = 1024;
  while (max / step > steps) step *= 2;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return ticks;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** A tick in the largest unit it fills, exact to two decimals: 1.5 MiB, 768 KiB, 0 B. */
export function formatMemoryTick(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(2))} ${UNITS[unit]}`;
}

/** What the limit under the chart says: "64 MiB (the container's limit)", "23.5 GiB (the host's memory)". */
export function limitSource(source: 'container' | 'host'): string {
  return source === 'container' ? "the container's limit" : "the host's memory; the container has no limit";
}
