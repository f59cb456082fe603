/** How many ports `machines.create` accepts (the contract's limit). */
export const MAX_OPEN_PORTS = 100;

/**
 * Reads the "open ports" field: numbers separated by commas or spaces (`80, 443`). Duplicates are
 * dropped; an empty field means no port besides SSH. Says which entry is wrong otherwise.
 */
export function parseOpenPorts(text: string): { ports: number[] } | { problem: string } {
  const entries = text.split(/[\s,]+/).filter((entry) => entry !== '');
  const ports: number[] = [];
  for (const entry of entries) {
    const port = /^\d{1,5}$/.test(entry) ? Number(entry) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) return { problem: `“${entry}” is not a port: use numbers from 1 to 65535, separated by commas.` };
    if (!ports.includes(port)) ports.push(port);
  }
  if (ports.length > MAX_OPEN_PORTS) return { problem: `At most ${MAX_OPEN_PORTS} ports.` };
  return { ports };
}
