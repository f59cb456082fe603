import { CrossdockError } from '../../../shared/index.js';

/**
 * The `--open-port` values (each may list several: `--open-port 80,443`), as numbers. Names every
 * value that is not a port in one error, so "80, abc, 70000" is mended in one go.
 */
export function parseOpenPortFlags(values: readonly string[]): number[] {
  const entries = values.flatMap((value) => value.split(/[\s,]+/)).filter((entry) => entry !== '');
  const ports: number[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const port = /^\d{1,5}$/.test(entry) ? Number(entry) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) {
      if (!bad.includes(entry)) bad.push(entry);
    } else if (!ports.includes(port)) ports.push(port);
  }
  if (bad.length > 0)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `--open-port takes port numbers from 1 to 65535; ${bad.map((entry) => `"${entry}"`).join(', ')} ${bad.length === 1 ? 'is not one' : 'are not'}`,
      { invalid: bad },
    );
  return ports;
}
