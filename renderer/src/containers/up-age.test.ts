import { describe, expect, it } from 'vitest';
import { humanDuration, upStatus } from './up-age.js';

const S = 1000;
describe('humanDuration (as docker ps words it)', () => {
  it('counts seconds, then minutes, hours, days', () => {
    expect(humanDuration(400)).toBe('Less than a second');
    expect(humanDuration(1 * S)).toBe('1 second');
    expect(humanDuration(31 * S)).toBe('31 seconds');
    expect(humanDuration(90 * S)).toBe('About a minute');
    expect(humanDuration(5 * 60 * S)).toBe('5 minutes');
    expect(humanDuration(70 * 60 * S)).toBe('About an hour');
    expect(humanDuration(150 * 60 * S)).toBe('3 hours');
    expect(humanDuration(3 * 86_400 * S)).toBe('3 days');
    expect(humanDuration(20 * 86_400 * S)).toBe('2 weeks');
    expect(humanDuration(800 * 86_400 * S)).toBe('2 years');
  });
});

describe('upStatus', () => {
  const started = '2026-01-01T00:00:00.000Z';
  const at = (seconds: number) => Date.parse(started) + seconds * S;
  it('moves with the clock', () => {
    expect(upStatus(started, 'Up 3 seconds', at(31))).toBe('Up 31 seconds');
    expect(upStatus(started, 'Up 3 seconds', at(32))).toBe('Up 32 seconds');
  });
  it('keeps what Docker adds after the age', () => {
    expect(upStatus(started, 'Up 2 minutes (healthy)', at(200))).toBe('Up 3 minutes (healthy)');
    expect(upStatus(started, 'Up 2 minutes (Paused)', at(200))).toBe('Up 3 minutes (Paused)');
  });
  it('gives up on an unknown start time', () => {
    expect(upStatus(null, 'Up 2 minutes', at(1))).toBeNull();
    expect(upStatus('garbage', 'Up 2 minutes', at(1))).toBeNull();
  });
});
