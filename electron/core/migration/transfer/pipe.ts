import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { CrossdockError } from '../../../../shared/index.js';
import { killTreeScript } from '../../bootstrap/service-script.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { commandFailed, errorTail, saysNoSpace } from './host-commands.js';
import { ddBytes, lostItsPartner, parseDirectPipeReport, splitPidLine } from './pipe-output.js';
import { routeInternals } from './route.js';
import type { Route, TransferHost } from './types.js';

/** One stream from the source to the target: a producer command on the source, a consumer command on the target, both run as root. */
export interface PipeSpec {
  /** What moves, for messages: `images web:1`, `volume data (bulk pass)`. */
  what: string;
  /** Shell command on the source writing the stream to stdout (made to run as root here). */
  producer: string;
  /** Shell command on the target reading the stream from stdin (made to run as root here). */
  consumer: string;
  /** The NO_SPACE error to raise when the target's side says its disk is full. */
  noSpace: (stderr: string) => CrossdockError;
}

export interface PipeResult {
  /** Bytes that went through the pipe. */
  bytes: number;
  /** The consumer's stdout (e.g. `docker load`'s "Loaded image" lines). */
  consumerStdout: string;
}

export interface PipeOptions {
  signal?: AbortSignal | undefined;
  /** Bytes so far; called about every half second while data flows, and once at the end. */
  onBytes?: ((bytes: number) => void) | undefined;
}

// How long a relayed producer may take to report its exit once the consumer has ended.
const PRODUCER_GRACE_MS = 10_000;
// How often progress is reported, at most.
const PROGRESS_EVERY_MS = 500;
// How much of each end's output the direct script sends back (the tail is where errors are).
const OUTPUT_TAIL_BYTES = 4000;

/** Streams `spec.producer` on the source into `spec.consumer` on the target over the route (direct or relayed). */
export function pipe(route: Route, spec: PipeSpec, options: PipeOptions = {}): Promise<PipeResult> {
  const internals = routeInternals(route);
  return internals.direct
    ? pipeDirect(internals.from, internals.to, internals.direct, spec, options)
    : pipeRelayed(internals.from, internals.to, spec, options);
}

function throttled(onBytes: PipeOptions['onBytes']): {
  update: (bytes: number) => void;
  finish: (bytes: number) => void;
} {
  let last = 0;
  return {
    update(bytes) {
      const now = Date.now();
      if (onBytes && now - last >= PROGRESS_EVERY_MS) {
        last = now;
        onBytes(bytes);
      }
    },
    finish: (bytes) => onBytes?.(bytes),
  };
}

/**
 * Direct: one command on the source, `producer | dd | ssh target consumer`, so the data never
 * passes through this computer. dd's `status=progress` (coreutils, on stderr about once a second)
 * gives the byte count; the ends' outputs go to files in a per-pipe directory under the route's,
 * whose tails and exit codes the script prints at the end (a pipeline's status is only its last
 * command's, and POSIX sh has no pipefail).
 */
async function pipeDirect(
  source: TransferHost,
  target: TransferHost,
  direct: { dir: string; ssh: string },
  spec: PipeSpec,
  options: PipeOptions,
): Promise<PipeResult> {
  const tail = (name: string): string =>
    [
      `n=$(tail -c ${OUTPUT_TAIL_BYTES} "$j/${name}" 2>/dev/null | wc -c)`,
      `echo "@crossdock file ${name} $n"`,
      `tail -c ${OUTPUT_TAIL_BYTES} "$j/${name}" 2>/dev/null`,
    ].join('\n');
  const script = [
    'echo "@crossdock pid $$"',
    `j=$(mktemp -d ${shQuote(direct.dir)}/pipe.XXXXXX) || exit 1`,
    `{ ( ${spec.producer} ) </dev/null 2>"$j/producer.err"; echo $? >"$j/producer.rc"; } | dd bs=1M status=progress | ${direct.ssh} ${shQuote(target.asRoot(spec.consumer))} >"$j/consumer.out" 2>"$j/consumer.err"`,
    's=$?',
    'echo "@crossdock status $(cat "$j/producer.rc" 2>/dev/null || echo none) $s"',
    tail('producer.err'),
    tail('consumer.out'),
    tail('consumer.err'),
    'rm -rf "$j"',
  ].join('\n');
  const proc = await source.spawn(source.asRoot(script), { signal: options.signal });
  const progress = throttled(options.onBytes);
  const stdout: Buffer[] = [];
  let bytes = 0;
  let recent = '';
  let ddErrors = '';
  proc.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    recent = (recent + chunk).slice(-400);
    bytes = Math.max(bytes, ddBytes(recent) ?? 0);
    progress.update(bytes);
    for (const line of chunk.split(/[\r\n]+/))
      if (line && !/^\d+ bytes|^\d+\+\d+ records/.test(line)) ddErrors += `${line}\n`;
  });
  const status = await proc.exited;
  const report = parseDirectPipeReport(Buffer.concat(stdout));
  if (status.cancelled || options.signal?.aborted) {
    if (report.pid !== null) await source.exec(source.asRoot(killTreeScript(report.pid))).catch(() => undefined);
    throw new CrossdockError('CANCELLED', `Moving ${spec.what} from ${source.name} to ${target.name} was cancelled.`, {
      host: source.name,
    });
  }
  if (status.exitCode !== 0 || report.sshExit === null) {
    throw commandFailed(source, `Moving ${spec.what} to ${target.name}`, status, ddErrors);
  }
  const producerErr = report.files['producer.err'] ?? '';
  const consumerErr = report.files['consumer.err'] ?? '';
  const producerExit = { exitCode: report.producerExit, exitSignal: null };
  if (report.sshExit === 255) {
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `The SSH connection from ${source.name} to ${target.name} failed while moving ${spec.what}: ${errorTail(consumerErr) || 'no message'}`,
      {
        host: target.name,
      },
    );
  }
  failIfEither(
    source,
    target,
    spec,
    producerExit,
    producerErr,
    { exitCode: report.sshExit, exitSignal: null },
    consumerErr,
  );
  progress.finish(bytes);
  return { bytes, consumerStdout: report.files['consumer.out'] ?? '' };
}

/** Counts what flows through. */
class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly onBytes: (bytes: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes(this.bytes);
    callback(null, chunk);
  }
}

/**
 * Relayed: the producer's stdout on the source's connection is piped into the consumer's stdin on
 * the target's, through this computer; `pipeline` carries the backpressure (ssh2 channel windows on
 * both sides), so memory stays flat whichever end is slower.
 */
async function pipeRelayed(
  source: TransferHost,
  target: TransferHost,
  spec: PipeSpec,
  options: PipeOptions,
): Promise<PipeResult> {
  const withPid = (command: string): string => `echo "@crossdock pid $$" >&2; ${command}`;
  const consumer = await target.spawn(target.asRoot(withPid(spec.consumer)), { signal: options.signal });
  let producer: Awaited<ReturnType<TransferHost['spawn']>>;
  try {
    producer = await source.spawn(source.asRoot(withPid(`( ${spec.producer} ) </dev/null`)), {
      signal: options.signal,
    });
  } catch (error) {
    consumer.close();
    throw error;
  }
  const progress = throttled(options.onBytes);
  const counter = new ByteCounter(progress.update);
  const outputs = { producerErr: '', consumerOut: '', consumerErr: '' };
  producer.stderr.setEncoding('utf8').on('data', (chunk: string) => (outputs.producerErr += chunk));
  consumer.stdout.setEncoding('utf8').on('data', (chunk: string) => (outputs.consumerOut += chunk));
  consumer.stderr.setEncoding('utf8').on('data', (chunk: string) => (outputs.consumerErr += chunk));
  // When one end quits, pipeline() destroys the streams, which closes both channels: the other
  // end then sees EOF or SIGPIPE. The exit statuses below tell what happened; the error says less.
  const flowing = pipeline(producer.stdout, counter, consumer.stdin).catch(() => undefined);
  // A consumer that quits before the producer's channel closed (its command done early, or failed)
  // tears that channel down with the pipeline, and its exit status may then never arrive: once
  // the consumer ended, the producer gets a grace period, then counts as failed (and is ended).
  const consumerExit = await consumer.exited;
  await flowing;
  const reported = await Promise.race([producer.exited, delay(PRODUCER_GRACE_MS, null, { ref: false })]);
  const producerSide = splitPidLine(outputs.producerErr);
  const consumerSide = splitPidLine(outputs.consumerErr);
  if (reported === null && producerSide.pid !== null)
    await source.exec(source.asRoot(killTreeScript(producerSide.pid))).catch(() => undefined);
  const producerExit = reported ?? { exitCode: null, exitSignal: null, cancelled: consumerExit.cancelled };
  if (producerExit.cancelled || consumerExit.cancelled || options.signal?.aborted) {
    // Closing a root session's channel does not signal its command: end both trees by pid.
    await Promise.all([
      producerSide.pid !== null
        ? source.exec(source.asRoot(killTreeScript(producerSide.pid))).catch(() => undefined)
        : undefined,
      consumerSide.pid !== null
        ? target.exec(target.asRoot(killTreeScript(consumerSide.pid))).catch(() => undefined)
        : undefined,
    ]);
    throw new CrossdockError('CANCELLED', `Moving ${spec.what} from ${source.name} to ${target.name} was cancelled.`, {
      host: source.name,
    });
  }
  failIfEither(source, target, spec, producerExit, producerSide.rest, consumerExit, consumerSide.rest);
  progress.finish(counter.bytes);
  return { bytes: counter.bytes, consumerStdout: outputs.consumerOut };
}

type Exit = { exitCode: number | null; exitSignal?: string | null };

/**
 * Throws for a failed end. A full disk on the target is NO_SPACE. When both failed, the one that
 * did not merely lose its partner (a producer killed by SIGPIPE because the consumer quit) is named
 * first.
 */
function failIfEither(
  source: TransferHost,
  target: TransferHost,
  spec: PipeSpec,
  producerExit: Exit,
  producerErr: string,
  consumerExit: Exit,
  consumerErr: string,
): void {
  const producerFailed = producerExit.exitCode !== 0;
  const consumerFailed = consumerExit.exitCode !== 0;
  if (consumerFailed && saysNoSpace(consumerErr)) throw spec.noSpace(consumerErr);
  if (!producerFailed && !consumerFailed) return;
  if (consumerFailed && (!producerFailed || lostItsPartner(producerExit))) {
    throw commandFailed(target, `Receiving ${spec.what} from ${source.name}`, consumerExit, consumerErr);
  }
  const error = commandFailed(source, `Sending ${spec.what} to ${target.name}`, producerExit, producerErr);
  if (!consumerFailed) throw error;
  throw new CrossdockError(
    'FAILED_PRECONDITION',
    `${error.message}; on ${target.name} the receiving end failed too: ${errorTail(consumerErr, 300) || 'no message'}`,
    error.details,
  );
}
