import { describe, expect, it } from 'vitest';
import { loadCompose } from './load-compose.js';

describe('compose ports: each bad port is named', () => {
  it('"80, abc, 70000" in a service\'s ports reports abc and 70000, each on its own line', () => {
    const compose = `services:
  web:
    image: nginx:alpine
    ports:
      - "80"
      - "abc"
      - "70000:80"
`;
    const { issues } = loadCompose({ compose });
    const errors = issues.filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => issue.line)).toEqual([6, 7]);
    expect(errors[0]?.message).toContain('abc');
    expect(errors[1]?.message).toContain('70000');
  });
});
