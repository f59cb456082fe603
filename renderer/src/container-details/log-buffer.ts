import type { LogChunk } from '../../../shared/index.js';

export interface LogLine {
  /** Increases by one per line for the life of the stream; stable React keys across trimming. */
  seq: number;
  stream: LogChunk['stream'];
  text: string;
}

/** Lines kept per log view; older ones drop off the top (the engine still has them). */
export const MAX_LOG_LINES = 10_000;

// CSI sequences (colours, cursor moves) and OSC sequences (window titles, hyperlinks).
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** What a line shows once terminal control codes are gone; a `\r` redraw keeps its last state. */
export function cleanLine(raw: string): string {
  const text = raw.replace(ANSI, '');
  const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
  const redraw = trimmed.lastIndexOf('\r');
  return redraw === -1 ? trimmed : trimmed.slice(redraw + 1);
}

/**
 * Turns a container's log chunks into lines. Chunks split lines anywhere, so each stream keeps
 * its unfinished last line until the newline comes (or the stream ends). `append` only pushes;
 * `commit` trims to `max`, once per animation frame, so a burst of chunks costs one trim.
 */
export class LogBuffer {
  readonly lines: LogLine[] = [];
  /** How many lines were dropped from the top to respect `max`. */
  dropped = 0;
  private nextSeq = 1;
  private readonly partial: Record<LogChunk['stream'], string> = { stdout: '', stderr: '' };

  constructor(private readonly max = MAX_LOG_LINES) {}

  append(chunk: LogChunk): void {
    const pieces = (this.partial[chunk.stream] + chunk.text).split('\n');
    this.partial[chunk.stream] = pieces.pop() ?? '';
    for (const piece of pieces) this.lines.push({ seq: this.nextSeq++, stream: chunk.stream, text: cleanLine(piece) });
  }

  /** The stream ended: unfinished lines are complete now. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '')
        this.lines.push({ seq: this.nextSeq++, stream, text: cleanLine(this.partial[stream]) });
      this.partial[stream] = '';
    }
  }

  commit(): void {
    const excess = this.lines.length - this.max;
    if (excess > 0) {
      this.lines.splice(0, excess);
      this.dropped += excess;
    }
  }
}
