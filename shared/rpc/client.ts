import { CrossdockError } from '../errors.js';
import type { CallOptions, ClientApi, EventMap, FilterOf } from './contract.js';
import { parseFrame, type ClientFrame, type ProgressUpdate } from './frames.js';
import type { Transport } from './transport.js';

export interface Subscription {
  /** Resolves once the server has registered the subscription. */
  ready: Promise<void>;
  unsubscribe(): void;
}

export interface RpcClient<Api, E extends EventMap, F = Record<never, never>> {
  /** The typed API: `client.api.jobs.list({})`. */
  api: ClientApi<Api>;
  /** Follows an event stream; with `filter`, only the events it selects are sent (e.g. `{ jobId }`). */
  subscribe<K extends keyof E & string>(
    event: K,
    listener: (payload: E[K]) => void,
    filter?: FilterOf<F, K>,
  ): Subscription;
  /** Rejects every pending call with DISCONNECTED and stops listening. */
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: CrossdockError): void;
  onProgress?: ((update: ProgressUpdate) => void) | undefined;
  onChunk?: ((chunk: unknown) => void) | undefined;
}

/**
 * A typed proxy over a transport. Method names come from property access
 * (`api.jobs.cancel` sends `jobs.cancel`), so there are no channel strings to keep in sync.
 */
export function createRpcClient<Api, E extends EventMap, F = Record<never, never>>(
  transport: Transport,
): RpcClient<Api, E, F> {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<number, (payload: never) => void>();

  const send = (frame: ClientFrame): void => {
    if (!closed) transport.send(frame);
  };

  const call = (method: string, args: unknown, options: CallOptions = {}): Promise<unknown> => {
    if (closed)
      return Promise.reject(
        new CrossdockError('DISCONNECTED', `Not connected to the Crossdock core (calling ${method})`),
      );
    if (options.signal?.aborted) return Promise.reject(new CrossdockError('CANCELLED', `${method} was cancelled`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => send({ t: 'cancel', id });
      const cleanup = (): void => options.signal?.removeEventListener('abort', onAbort);
      pending.set(id, {
        resolve: (value) => (cleanup(), resolve(value)),
        reject: (error) => (cleanup(), reject(error)),
        onProgress: options.onProgress,
        onChunk: options.onChunk as ((chunk: unknown) => void) | undefined,
      });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      send({ t: 'call', id, method, args: args ?? {} });
    });
  };

  const onFrame = (raw: unknown): void => {
    const frame = parseFrame(raw);
    if (!frame) return;
    switch (frame.t) {
      case 'result': {
        const entry = pending.get(frame.id);
        pending.delete(frame.id);
        entry?.resolve(frame.value);
        return;
      }
      case 'error': {
        const entry = pending.get(frame.id);
        pending.delete(frame.id);
        entry?.reject(CrossdockError.fromWire(frame.error));
        return;
      }
      case 'progress':
        pending.get(frame.id)?.onProgress?.(frame.data);
        return;
      case 'chunk':
        pending.get(frame.id)?.onChunk?.(frame.data);
        return;
      case 'event':
        (listeners.get(frame.id) as ((payload: unknown) => void) | undefined)?.(frame.data);
        return;
      default:
        return;
    }
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const entry of pending.values())
      entry.reject(new CrossdockError('DISCONNECTED', 'The connection to the Crossdock core was closed'));
    pending.clear();
    listeners.clear();
    removeFrame();
    removeClose();
  };
  const removeFrame = transport.onFrame(onFrame);
  const removeClose = transport.onClose(close);

  const domainProxy = (domain: string): unknown =>
    new Proxy(
      {},
      {
        get: (_target, method) =>
          typeof method !== 'string' || method === 'then'
            ? undefined
            : (args: unknown, options?: CallOptions) => call(`${domain}.${method}`, args, options),
      },
    );
  const api = new Proxy(
    {},
    {
      get: (_target, domain) => (typeof domain !== 'string' || domain === 'then' ? undefined : domainProxy(domain)),
    },
  ) as ClientApi<Api>;

  const subscribe = <K extends keyof E & string>(
    event: K,
    listener: (payload: E[K]) => void,
    filter?: FilterOf<F, K>,
  ): Subscription => {
    const id = nextId++;
    listeners.set(id, listener as (payload: never) => void);
    const ready = new Promise<void>((resolve, reject) => {
      pending.set(id, { resolve: () => resolve(), reject });
    });
    send(filter === undefined ? { t: 'subscribe', id, event } : { t: 'subscribe', id, event, args: filter });
    // A failed subscription is reported through `ready`; keep an unobserved rejection quiet.
    ready.catch(() => listeners.delete(id));
    return {
      ready,
      unsubscribe: () => {
        if (!listeners.delete(id)) return;
        send({ t: 'unsubscribe', id });
      },
    };
  };

  return { api, subscribe, close };
}
