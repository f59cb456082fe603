import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';

/**
 * Frames of the RPC protocol. Every transport carries these as JSON-compatible values; both
 * sides validate what they receive, since the peer may be a compromised renderer or a foreign
 * web page.
 *
 * - `call`: invoke `domain.method` with `args`; answered by exactly one `result` or `error`.
 * - `cancel`: abort the call with that id (its AbortSignal fires in the core).
 * - `progress`: an update for a call in flight, delivered in order before its answer.
 * - `chunk`: a piece of a streaming call's output (log lines, terminal bytes, stats samples),
 *   delivered in order before its answer; the stream ends with the call's `result` or `error`.
 * - `subscribe` / `unsubscribe`: start or stop an event stream; the stream's frames are `event`.
 *   A subscription may carry `args`, a filter the server checks and applies (e.g. `{ jobId }`).
 */
const id = z.number().int().nonnegative();

export const wireErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});

export const progressSchema = z.object({
  fraction: z.number().min(0).max(1).optional(),
  step: z.string().optional(),
  message: z.string().optional(),
});

export const frameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, method: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('result'), id, value: z.unknown() }),
  z.object({ t: z.literal('error'), id, error: wireErrorSchema }),
  z.object({ t: z.literal('cancel'), id }),
  z.object({ t: z.literal('progress'), id, data: progressSchema }),
  z.object({ t: z.literal('chunk'), id, data: z.unknown() }),
  z.object({ t: z.literal('subscribe'), id, event: z.string().max(200), args: z.unknown().optional() }),
  z.object({ t: z.literal('unsubscribe'), id }),
  z.object({ t: z.literal('event'), id, data: z.unknown() }),
]);

export type Frame = z.infer<typeof frameSchema>;
export type ProgressUpdate = z.infer<typeof progressSchema>;

/** Frames a client sends; a server refuses any other kind. */
export type ClientFrame = Extract<Frame, { t: 'call' | 'cancel' | 'subscribe' | 'unsubscribe' }>;
/** Frames a server sends. */
export type ServerFrame = Extract<Frame, { t: 'result' | 'error' | 'progress' | 'chunk' | 'event' }>;

export function parseFrame(value: unknown): Frame | null {
  const parsed = frameSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
