import type { MigrationProgress } from '../../../shared/index.js';
import { formatBytes } from './format-bytes.js';
import type { TransferProgress } from './transfer/index.js';

const EVENT_EVERY_MS = 250;
const LOG_EVERY_MS = 2_000;

export interface MeterSinks {
  migrationId: string;
  jobId: string;
  emit: (progress: MigrationProgress) => void;
  log: (line: string) => void;
  /** Bytes moved so far in the meter's step (all items together), for the job's fraction. */
  onStepBytes?: ((bytes: number) => void) | undefined;
}

/**
 * Turns the transfer layer's progress callbacks of one step into rates, `migrations.progress`
 * events (a few per second at most) and an occasional log line. One meter per step: the images
 * step and the bulk pass run at once, each with its own.
 */
export class ProgressMeter {
  private readonly stepStarted = Date.now();
  private readonly items = new Map<string, number>();
  private lastEvent = 0;
  private lastLog = Date.now();

  constructor(
    private readonly step: string,
    private readonly sinks: MeterSinks,
  ) {}

  /** Bytes of the step so far. */
  get stepBytes(): number {
    let sum = 0;
    for (const bytes of this.items.values()) sum += bytes;
    return sum;
  }

  readonly update = (progress: TransferProgress): void => {
    this.items.set(`${progress.kind}:${progress.item}:${progress.pass ?? ''}`, progress.bytes);
    const now = Date.now();
    const total = this.stepBytes;
    const bytesPerSecond = Math.round(total / Math.max(0.001, (now - this.stepStarted) / 1000));
    this.sinks.onStepBytes?.(total);
    if (now - this.lastEvent >= EVENT_EVERY_MS) {
      this.lastEvent = now;
      this.sinks.emit({
        migrationId: this.sinks.migrationId,
        jobId: this.sinks.jobId,
        step: this.step,
        kind: progress.kind,
        item: progress.item,
        pass: progress.pass ?? null,
        bytes: progress.bytes,
        totalBytes: progress.totalBytes ?? null,
        bytesPerSecond,
      });
    }
    if (now - this.lastLog >= LOG_EVERY_MS) {
      this.lastLog = now;
      const of = progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : '';
      this.sinks.log(
        `[${this.step}] ${progress.kind} ${progress.item}: ${formatBytes(progress.bytes)}${of}, ${formatBytes(bytesPerSecond)}/s`,
      );
    }
  };
}
