/** How many ports `machines.create` accepts (the contract's limit). */
export const MAX_OPEN_PORTS = 100;

/**
 * Reads the "open ports" field: numbers separated by commas or spaces (`80, 443`). Duplicates are
 * dropped; an empty field means no port besides SSH. Names every entry that is wrong otherwise,
 * so "80, abc, 70000" is mended in one go.
 */
export function parseOpenPorts(text: string): { ports: number[] } | { problem: string } {
  const entries = text.split(/[\s,]+/).filter((entry) => entry !== '');
  const ports: number[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const port = /^\d{1,5}$/.test(entry) ? Number(entry) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) {
      if (!bad.includes(entry)) bad.push(entry);
    } else if (!ports.includes(port)) ports.push(port);
  }
  if (bad.length > 0) {
    const named = bad.map((entry) => `“${entry}”`).join(', ');
    return {
      problem: `${named} ${bad.length === 1 ? 'is not a port' : 'are not ports'}: use numbers from 1 to 65535, separated by commas.`,
    };
  }
  if (ports.length > MAX_OPEN_PORTS) return { problem: `At most ${MAX_OPEN_PORTS} ports.` };
  return { ports };
}
