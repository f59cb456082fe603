import type { z } from 'zod';
import type { ProgressUpdate } from './frames.js';

/**
 * How a contract is declared: each domain is a TypeScript interface whose methods take one
 * arguments object and return a promise, and a schema map with one zod schema per method.
 * `SchemaMap<Api>` requires a schema for every method of the interface, so a method added
 * without a schema does not compile, and the server can only be built from a complete map.
 */
export type Method = (args: never) => Promise<unknown>;
export type Domain = { [method: string]: Method };
export type ApiShape = { [domain: string]: Domain };

/**
 * Marks a streaming method: declare it as `logs(args: A, chunks?: Chunks<LogChunk>): Promise<R>`.
 * The core emits chunks in order (`ctx.emit`) and the client receives them (`onChunk`) before
 * the result; cancelling the call ends the stream.
 */
export interface Chunks<C> {
  readonly __chunk?: C;
}

type ArgsOf<M> = M extends (args: infer A, ...rest: never[]) => Promise<unknown> ? A : never;
type ResultOf<M> = M extends (args: never) => Promise<infer R> ? R : never;
type ChunkOf<M> = M extends (args: never, chunks?: Chunks<infer C>) => Promise<unknown> ? C : never;

/** One zod schema per method; the schema's output must be the method's argument type. */
export type SchemaMap<D> = { [M in keyof D]-?: z.ZodType<ArgsOf<D[M]>> };
export type Contract<Api> = { [D in keyof Api]-?: SchemaMap<Api[D]> };

/** What the core receives with every call besides the arguments. */
export interface CallContext<C = unknown> {
  /** Fires when the client cancels the call or disconnects; pass it on to I/O. */
  signal: AbortSignal;
  /** Sends an in-order progress update to the caller. */
  progress(update: ProgressUpdate): void;
  /** Sends a piece of a streaming method's output, in order. */
  emit(chunk: C): void;
}

/** What the core implements: every method of the contract, with its call context. */
export type ServerImpl<Api> = {
  [D in keyof Api]: {
    [M in keyof Api[D]]: (
      args: ArgsOf<Api[D][M]>,
      ctx: CallContext<ChunkOf<Api[D][M]>>,
    ) => Promise<ResultOf<Api[D][M]>>;
  };
};

/** Options a client may pass with a call. */
export interface CallOptions<C = unknown> {
  signal?: AbortSignal;
  onProgress?: (update: ProgressUpdate) => void;
  /** Receives a streaming method's output as it comes. */
  onChunk?: (chunk: C) => void;
}

/** What a client sees: every method of the contract, with optional call options. */
export type ClientApi<Api> = {
  [D in keyof Api]: {
    [M in keyof Api[D]]: (
      args: ArgsOf<Api[D][M]>,
      options?: CallOptions<ChunkOf<Api[D][M]>>,
    ) => Promise<ResultOf<Api[D][M]>>;
  };
};

/** Event streams: event name → payload type. */
export type EventMap = { [event: string]: unknown };

/**
 * The filters a subscription may carry, per event: `{ jobId }` to follow one job, say. The server
 * validates the filter with `schema` and sends only the events for which `matches` holds, so a
 * client following one job does not receive every other job's frames.
 */
export type EventFilters<E extends EventMap, F extends { [K in keyof E]?: unknown }> = {
  [K in keyof F & keyof E]-?: { schema: z.ZodType<F[K]>; matches(payload: E[K], filter: F[K]): boolean };
};

/** The filter type of event `K`, or never when it takes none. */
export type FilterOf<F, K> = K extends keyof F ? F[K] : never;
