// Cost of one machine this calendar month (UTC), from its type's list price and when it ran.
//   compute = hourly price × hours running this month
//   ipv4    = IPv4 price × hours running (EC2 and GCE release an ephemeral public address while
//             the machine is stopped, and charge for it only while it is held)
//   disk    = GB × price per GB-month × (hours the disk existed this month / hours in the month)
//             — a stopped machine keeps paying for its disk
// Projected = the whole month with the machine staying in its current state: a running machine
// keeps running to the month's end, a stopped one only keeps its disk.
import { hoursInMonth, monthBounds, overlapHours } from './month.js';

/** A span the machine ran; `end` null while it still runs. */
export interface RunInterval {
  start: Date;
  end: Date | null;
}

/** The prices a machine's cost needs; any of them may be unknown. */
export interface MachinePrices {
  hourlyUsd: number;
  diskGb: number;
  diskGbMonthUsd: number | null;
  ipv4HourUsd: number | null;
}

export interface MachineCostFigures {
  runningHours: number;
  soFarUsd: number;
  projectedUsd: number;
}

/**
 * The cost figures at `now`. `createdAt` bounds the disk's life (null: it existed all month);
 * `runs` are the spans it ran (overlapping the month or not).
 */
export function machineCost(
  prices: MachinePrices,
  createdAt: Date | null,
  runs: RunInterval[],
  now: Date,
): MachineCostFigures {
  const { start: monthStart, end: monthEnd } = monthBounds(now);
  const monthHours = hoursInMonth(now);
  const born = createdAt ?? monthStart;
  const ranSoFar = runs.reduce((sum, run) => sum + overlapHours(run.start, run.end ?? now, monthStart, now), 0);
  const stillRunning = runs.some((run) => run.end === null);
  const restOfMonth = overlapHours(now, monthEnd, monthStart, monthEnd);
  const ranProjected = ranSoFar + (stillRunning ? restOfMonth : 0);
  const diskSoFar = overlapHours(born, now, monthStart, now);
  const diskProjected = overlapHours(born, monthEnd, monthStart, monthEnd);

  const perRunHour = prices.hourlyUsd + (prices.ipv4HourUsd ?? 0);
  const perDiskHour = (prices.diskGb * (prices.diskGbMonthUsd ?? 0)) / monthHours;
  return {
    runningHours: ranSoFar,
    soFarUsd: ranSoFar * perRunHour + diskSoFar * perDiskHour,
    projectedUsd: ranProjected * perRunHour + diskProjected * perDiskHour,
  };
}

/**
 * A machine priced by hand per month (an `ssh` server: a rented box, a colo): it costs the same
 * every month, accrued evenly over the month's hours.
 */
export function manualCost(monthlyUsd: number, now: Date): MachineCostFigures {
  const { start } = monthBounds(now);
  const elapsed = overlapHours(start, now, start, now);
  return { runningHours: elapsed, soFarUsd: (monthlyUsd * elapsed) / hoursInMonth(now), projectedUsd: monthlyUsd };
}
