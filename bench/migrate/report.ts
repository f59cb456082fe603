// The figures of bench/migrate from its measured runs, printed as a table with the targets and as
// one JSON line. Nothing is asserted: the figures are for people to read.
import type { BaselineTiming } from './baseline.js';
import { DOWNTIME_STEPS, type CoreRun } from './through-core.js';

export interface Measured {
  size: 'full' | 'small';
  imageBytes: number;
  volumeBytes: number;
  changedBytes: number;
  /** What the baseline moved (docker save and tar -c of the volume, counted with wc -c). */
  baselineBytes: { image: number; volume: number };
  baselines: BaselineTiming[];
  /** Migrations of the app (volume changed by 1% after the bulk pass). */
  core: CoreRun[];
  /** Migration of another container of the same image to B, which has it from the last run. */
  sameImage: CoreRun;
  /** Migration of a container of an image that adds one small layer to layers B holds. */
  derivedImage: CoreRun;
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const rate = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
const perMs = (bytesPerMs: number): string => rate(bytesPerMs, 1);
const pad = (text: string, width: number): string => text.padEnd(width);

/** Prints the runs, the summary table and the JSON line. */
export function report(m: Measured): void {
  const baseBytes = m.baselineBytes.image + m.baselineBytes.volume;
  const baseData = m.baselines.map((b) => b.imageMs + b.volumeMs);
  const baseWhole = m.baselines.map((b) => b.imageMs + b.stopMs + b.volumeMs + b.recreateMs);
  const baseRate = mean(baseData.map((ms) => baseBytes / ms));
  const coreRate = mean(m.core.map((r) => r.dataBytes / r.dataMs));
  const throughputRatio = coreRate / baseRate;
  const fullCopyMs = mean(baseData);
  const volumeCopyMs = mean(m.baselines.map((b) => b.volumeMs));
  const manualDowntimeMs = mean(m.baselines.map((b) => b.stopMs + b.volumeMs + b.recreateMs));
  const downtimeMs = mean(m.core.map((r) => r.outcome.downtimeMs));
  const downtimeRatio = downtimeMs / fullCopyMs;
  const stepMeans = Object.fromEntries(
    DOWNTIME_STEPS.map((name) => [name, mean(m.core.map((r) => r.stepMs[name] ?? Number.NaN))]),
  );
  const verifyShare = (stepMeans.verify ?? 0) / downtimeMs;
  const wholeRatio = mean(baseWhole) / mean(m.core.map((r) => r.outcome.durationMs));

  console.log('');
  console.log(
    `bench:migrate (${m.size}): image ${mb(m.imageBytes)}, volume ${mb(m.volumeBytes)}, ${m.changedBytes > 0 ? `${mb(m.changedBytes)} changed after the bulk pass` : ''}`,
  );
  console.log('manual baseline on A (plain ssh, OpenSSH default cipher):');
  m.baselines.forEach((b, i) =>
    console.log(
      `  run ${i + 1}: docker save | ssh | docker load ${s(b.imageMs)}, stop ${s(b.stopMs)}, tar | ssh | tar ${s(b.volumeMs)}, docker run until healthy ${s(b.recreateMs)}; data ${rate(baseBytes, b.imageMs + b.volumeMs)}`,
    ),
  );
  console.log('Crossdock (migrations.start through the core, direct route):');
  m.core.forEach((r, i) =>
    console.log(
      `  run ${i + 1}: images ${s(r.stepMs.images ?? Number.NaN)} alongside bulk ${s(r.stepMs['volumes-bulk'] ?? Number.NaN)}: ${s(r.dataMs)} (${mb(r.dataBytes)}, ${rate(r.dataBytes, r.dataMs)}); ` +
        `delta ${mb(r.deltaBytes)}; downtime ${s(r.outcome.downtimeMs)}; whole migration ${s(r.outcome.durationMs)}; ${r.outcome.manifest.files} paths verified`,
    ),
  );
  const allSteps = Object.keys(m.core[0]?.stepMs ?? {});
  console.log(
    `  every step (mean): ${allSteps.map((name) => `${name} ${s(mean(m.core.map((r) => r.stepMs[name] ?? Number.NaN)))}`).join(', ')}`,
  );
  console.log(
    `  downtime by step (mean): ${DOWNTIME_STEPS.map((name) => `${name} ${s(stepMeans[name] ?? Number.NaN)}`).join(', ')}`,
  );
  // The verify lists the whole volume on both hosts after the stop (and hashes what changed since
  // the checksums step): the listing grows with the file count, so say how much of the downtime it is.
  console.log(
    `  the checksum verify after the stop (listing both hosts, hashing what changed since the checksums step) is ${(verifyShare * 100).toFixed(0)}% of the downtime` +
      `${verifyShare > 0.5 ? ': it dominates' : ''}; the rest is ${s(downtimeMs - (stepMeans.verify ?? 0))}`,
  );
  const same = m.sameImage;
  const derived = m.derivedImage;
  console.log(
    `second migration of the same image (B has it): image step ${s(same.stepMs.images ?? Number.NaN)}, ${mb(same.outcome.bytes.images)} sent; whole migration ${s(same.outcome.durationMs)}`,
  );
  console.log(
    `an image adding one small layer to layers B holds: image step ${s(derived.stepMs.images ?? Number.NaN)}, ${mb(derived.outcome.bytes.images)} sent (only the layers B lacks)`,
  );

  const rows: [string, string, string, string][] = [
    [
      'throughput, data steps (Crossdock / manual)',
      throughputRatio.toFixed(2),
      '>= 1.0',
      throughputRatio >= 1 ? 'met' : 'NOT met',
    ],
    [
      'downtime / full-copy time (manual image + volume)',
      downtimeRatio.toFixed(3),
      '<= 0.1',
      downtimeRatio <= 0.1 ? 'met' : 'NOT met',
    ],
    [
      'second migration of the same image: image step',
      `${s(same.stepMs.images ?? Number.NaN)}, ${mb(same.outcome.bytes.images)}`,
      '-',
      '',
    ],
  ];
  console.log('');
  console.log(`${pad('figure', 52)}${pad('value', 18)}${pad('target', 9)}`);
  for (const [name, value, target, met] of rows)
    console.log(`${pad(name, 52)}${pad(value, 18)}${pad(target, 9)}${met}`);
  console.log(
    `  throughput: ${perMs(coreRate)} vs ${perMs(baseRate)} (bytes each moved / time from the start of its first data transfer to the end of its last: Crossdock runs the images and the bulk pass at once, the manual way one after the other)`,
  );
  console.log(
    `  downtime ${s(downtimeMs)} vs full copy ${s(fullCopyMs)}; vs the manual volume copy alone ${(downtimeMs / volumeCopyMs).toFixed(3)}; the manual cut-over (stop, tar, run) was ${s(manualDowntimeMs)}`,
  );
  console.log(
    `  whole migration: Crossdock ${s(mean(m.core.map((r) => r.outcome.durationMs)))} vs manual ${s(mean(baseWhole))} (manual / Crossdock ${wholeRatio.toFixed(2)})`,
  );
  console.log(
    JSON.stringify({
      bench: 'migrate',
      size: m.size,
      imageBytes: m.imageBytes,
      volumeBytes: m.volumeBytes,
      changedBytes: m.changedBytes,
      throughputRatio: round(throughputRatio),
      crossdockBytesPerSecond: Math.round(coreRate * 1000),
      manualBytesPerSecond: Math.round(baseRate * 1000),
      downtimeRatio: round(downtimeRatio),
      downtimeMs: Math.round(downtimeMs),
      fullCopyMs: Math.round(fullCopyMs),
      verifyShareOfDowntime: round(verifyShare),
      downtimeStepsMs: Object.fromEntries(Object.entries(stepMeans).map(([k, v]) => [k, Math.round(v)])),
      manualCutoverMs: Math.round(manualDowntimeMs),
      wholeMigrationMs: {
        crossdock: Math.round(mean(m.core.map((r) => r.outcome.durationMs))),
        manual: Math.round(mean(baseWhole)),
      },
      sameImage: {
        imageStepMs: same.stepMs.images ?? null,
        imageBytes: same.outcome.bytes.images,
        migrationMs: same.outcome.durationMs,
      },
      derivedImage: { imageStepMs: derived.stepMs.images ?? null, imageBytes: derived.outcome.bytes.images },
      targets: { throughputRatio: '>= 1.0', downtimeRatio: '<= 0.1' },
    }),
  );
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
