import { describe, expect, it } from 'vitest';
import { machineCost, manualCost } from './cost.js';
import { hoursInMonth, monthBounds } from './month.js';

const d = (iso: string) => new Date(iso);
const prices = { hourlyUsd: 0.1, diskGb: 10, diskGbMonthUsd: 0.08, ipv4HourUsd: 0.005 };

describe('month arithmetic', () => {
  it('counts the real hours of each calendar month (UTC)', () => {
    expect(hoursInMonth(d('2026-02-14T12:00:00Z'))).toBe(28 * 24);
    expect(hoursInMonth(d('2028-02-29T23:59:59Z'))).toBe(29 * 24);
    expect(hoursInMonth(d('2026-04-01T00:00:00Z'))).toBe(30 * 24);
    expect(hoursInMonth(d('2026-12-31T23:00:00Z'))).toBe(31 * 24);
    expect(monthBounds(d('2026-12-31T23:00:00Z')).end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('machineCost', () => {
  it('charges a machine running all month for every hour, in February and in March', () => {
    const feb = machineCost(
      prices,
      d('2025-12-01T00:00:00Z'),
      [{ start: d('2025-12-01T00:00:00Z'), end: null }],
      d('2026-02-15T00:00:00Z'),
    );
    expect(feb.runningHours).toBe(14 * 24);
    expect(feb.soFarUsd).toBeCloseTo(14 * 24 * 0.105 + 10 * 0.08 * (14 / 28), 9);
    expect(feb.projectedUsd).toBeCloseTo(672 * 0.105 + 0.8, 9);
    const mar = machineCost(
      prices,
      d('2025-12-01T00:00:00Z'),
      [{ start: d('2025-12-01T00:00:00Z'), end: null }],
      d('2026-03-15T00:00:00Z'),
    );
    expect(mar.projectedUsd).toBeCloseTo(744 * 0.105 + 0.8, 9);
    // A whole month's disk costs the same whatever the month's length.
    expect(mar.projectedUsd - 744 * 0.105).toBeCloseTo(feb.projectedUsd - 672 * 0.105, 9);
  });

  it('stops charging compute and IPv4 when stopped mid-month, but keeps charging the disk', () => {
    const now = d('2026-04-20T00:00:00Z');
    const cost = machineCost(
      prices,
      d('2026-03-20T00:00:00Z'),
      [{ start: d('2026-03-20T00:00:00Z'), end: d('2026-04-10T00:00:00Z') }],
      now,
    );
    expect(cost.runningHours).toBe(9 * 24);
    const disk = (h: number) => (h * 10 * 0.08) / 720;
    expect(cost.soFarUsd).toBeCloseTo(9 * 24 * 0.105 + disk(19 * 24), 9);
    // Stopped stays stopped: the rest of April adds disk only.
    expect(cost.projectedUsd).toBeCloseTo(9 * 24 * 0.105 + disk(720), 9);
  });

  it('counts a machine created this month from its creation only, and sums restarts', () => {
    const now = d('2026-06-11T00:00:00Z');
    const cost = machineCost(
      prices,
      d('2026-06-05T00:00:00Z'),
      [
        { start: d('2026-06-05T00:00:00Z'), end: d('2026-06-06T00:00:00Z') },
        { start: d('2026-06-10T00:00:00Z'), end: null },
      ],
      now,
    );
    expect(cost.runningHours).toBe(48);
    expect(cost.projectedUsd).toBeCloseTo((24 + 21 * 24) * 0.105 + (26 * 24 * 0.8) / 720, 9);
  });

  it('leaves out extras whose price is unknown instead of guessing them', () => {
    const cost = machineCost(
      { hourlyUsd: 0.2, diskGb: 10, diskGbMonthUsd: null, ipv4HourUsd: null },
      null,
      [{ start: d('2026-01-01T00:00:00Z'), end: null }],
      d('2026-01-02T00:00:00Z'),
    );
    expect(cost.soFarUsd).toBeCloseTo(24 * 0.2, 9);
  });
});

describe('manualCost', () => {
  it('accrues a hand-set monthly price evenly over the month', () => {
    expect(manualCost(30, d('2026-02-08T00:00:00Z')).soFarUsd).toBeCloseTo((30 * 7) / 28, 9);
    expect(manualCost(30, d('2026-02-08T00:00:00Z')).projectedUsd).toBe(30);
  });
});
