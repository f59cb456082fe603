import type { Reporter, TestModule } from 'vitest/node';

/** How many of the slowest files the closing table names. */
const SLOWEST = 10;

/** Seconds with one decimal, or minutes and seconds past two minutes. */
function time(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

interface FileTime {
  name: string;
  /** From the start of its setup to its last hook. */
  wall: number;
  /** Setup files, which for integration and browser files is mostly waiting for a lane and a run slot (test/lanes). */
  waited: number;
  endedAt: number;
}

/**
 * Closes vitest's output with where the time went — the slowest files, each project's span and
 * the whole run's wall time — and then one plain line, `tests: N passed, N failed, N skipped`,
 * which stays the last, so a CI that reads closing lines counts exactly what ran.
 */
export default class SummaryReporter implements Reporter {
  private startedAt = Date.now();
  private readonly files = new Map<TestModule, FileTime>();

  onInit(): void {
    this.startedAt = Date.now();
  }

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    this.files.set(module, {
      name: `${module.project.name}: ${module.relativeModuleId}`,
      wall: d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration,
      waited: d.setupDuration,
      endedAt: Date.now(),
    });
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let tests = 0;
      for (const test of module.children.allTests()) {
        tests++;
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that failed to load ran no tests: count it once, as failed.
      if (tests === 0 && module.state() === 'failed') failed++;
    }
    process.stdout.write(`\n${this.timings()}\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }

  private timings(): string {
    const files = [...this.files.values()];
    const lines = [
      `slowest ${Math.min(SLOWEST, files.length)} of ${files.length} files (running time, then time spent waiting for a lane or a run slot):`,
    ];
    const running = (file: FileTime): number => file.wall - file.waited;
    for (const file of files.sort((a, b) => running(b) - running(a)).slice(0, SLOWEST)) {
      lines.push(
        `  ${time(running(file)).padStart(12)}  ${file.name}${file.waited >= 1000 ? ` (waited ${time(file.waited)} before)` : ''}`,
      );
    }
    // Each project from its first file's start to its last file's end: the projects that run
    // together (integration and e2e) overlap.
    const spans = new Map<string, { from: number; to: number; busy: number }>();
    for (const [module, file] of this.files) {
      const name = module.project.name;
      const span = spans.get(name) ?? { from: Infinity, to: 0, busy: 0 };
      spans.set(name, {
        from: Math.min(span.from, file.endedAt - file.wall),
        to: Math.max(span.to, file.endedAt),
        busy: span.busy + file.wall - file.waited,
      });
    }
    for (const [name, span] of spans) {
      lines.push(
        `project ${name}: ${time(span.to - span.from)} from first start to last end, ${time(span.busy)} of files running`,
      );
    }
    lines.push(`vitest wall time: ${time(Date.now() - this.startedAt)} (global setups included)`);
    return lines.join('\n');
  }
}
