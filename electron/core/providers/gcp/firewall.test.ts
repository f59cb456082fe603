import { describe, expect, it } from 'vitest';
import { firewallRule } from './firewall.js';

describe('firewallRule', () => {
  it('opens 22 and the spec ports once each, to the machine tag only', () => {
    const rule = firewallRule('web', [443, 80, 22, 80]);
    expect(rule).toMatchObject({
      name: 'crossdock-web',
      targetTags: ['crossdock-web'],
      direction: 'INGRESS',
      sourceRanges: ['0.0.0.0/0'],
    });
    expect(rule.allowed).toEqual([{ IPProtocol: 'tcp', ports: ['22', '80', '443'] }]);
  });
});
