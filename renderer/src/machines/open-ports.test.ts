import { describe, expect, it } from 'vitest';
import { parseOpenPorts } from './open-ports.js';

describe('parseOpenPorts', () => {
  it('reads ports separated by commas and spaces, in order, without duplicates', () => {
    expect(parseOpenPorts('80, 443')).toEqual({ ports: [80, 443] });
    expect(parseOpenPorts(' 8080 80,,443 80 ')).toEqual({ ports: [8080, 80, 443] });
    expect(parseOpenPorts('1,65535')).toEqual({ ports: [1, 65535] });
  });

  it('reads an empty field as no extra ports', () => {
    expect(parseOpenPorts('')).toEqual({ ports: [] });
    expect(parseOpenPorts(' , ')).toEqual({ ports: [] });
  });

  it('names the entry that is not a port', () => {
    for (const bad of ['0', '65536', '80-90', 'http', '4.5', '-1', '123456']) {
      const result = parseOpenPorts(`22, ${bad}`);
      expect(result).toHaveProperty('problem');
      expect((result as { problem: string }).problem).toContain(`“${bad}”`);
    }
  });

  it('names every entry that is not a port, each once', () => {
    expect(parseOpenPorts('80, abc, 70000, abc')).toEqual({
      problem: '“abc”, “70000” are not ports: use numbers from 1 to 65535, separated by commas.',
    });
  });

  it('refuses more ports than the contract accepts', () => {
    const many = Array.from({ length: 101 }, (_, i) => 1000 + i).join(',');
    expect(parseOpenPorts(many)).toEqual({ problem: 'At most 100 ports.' });
  });
});
