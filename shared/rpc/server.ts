import { CrossdockError, toWireError, type WireError } from '../errors.js';
import type { CallContext, Contract, EventFilters, EventMap, ServerImpl } from './contract.js';
import { parseFrame, type ClientFrame, type ServerFrame } from './frames.js';
import type { Transport } from './transport.js';

/** Where the server takes events from (the core's event hub). */
export interface EventSource<E extends EventMap> {
  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => void): () => void;
}

export interface RpcServerOptions<
  Api,
  E extends EventMap,
  F extends { [K in keyof E]?: unknown } = Record<never, never>,
> {
  contract: Contract<Api>;
  impl: ServerImpl<Api>;
  events?: EventSource<E>;
  /** The event names a client may subscribe to. */
  eventNames?: readonly (keyof E & string)[];
  /** The filters a subscription to each event may carry; an event not named here takes none. */
  eventFilters?: EventFilters<E, F>;
  /** Called with the original error when a call fails with INTERNAL, for the core's log. */
  onInternalError?: (method: string, error: unknown) => void;
}

type AnyMethod = (args: unknown, ctx: CallContext) => Promise<unknown>;
type AnyFilter = {
  schema: {
    safeParse(v: unknown): {
      success: boolean;
      data?: unknown;
      error?: { issues: { path: PropertyKey[]; message: string }[] };
    };
  };
  matches(payload: unknown, filter: unknown): boolean;
};

function own<T>(record: unknown, key: string): T | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  return Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, T>)[key] : undefined;
}

/**
 * Serves one client connection: validates every frame and every call's arguments, runs the
 * method with an AbortSignal and a progress callback, and answers with a result or an
 * allow-listed error. Closing the transport aborts what is in flight and drops subscriptions.
 */
export function serveRpc<Api, E extends EventMap, F extends { [K in keyof E]?: unknown } = Record<never, never>>(
  transport: Transport,
  options: RpcServerOptions<Api, E, F>,
): { close(): void } {
  const inFlight = new Map<number, AbortController>();
  const subscriptions = new Map<number, () => void>();
  let closed = false;

  const send = (frame: ServerFrame): void => {
    if (!closed) transport.send(frame);
  };
  const sendError = (id: number, error: WireError): void => send({ t: 'error', id, error });

  const resolveMethod = (
    name: string,
  ): {
    schema: {
      safeParse(v: unknown): {
        success: boolean;
        data?: unknown;
        error?: { issues: { path: PropertyKey[]; message: string }[] };
      };
    };
    fn: AnyMethod;
    self: unknown;
  } | null => {
    const [domain, method, ...rest] = name.split('.');
    if (!domain || !method || rest.length > 0) return null;
    const schema = own<never>(own(options.contract, domain), method);
    const self = own<unknown>(options.impl, domain);
    const fn = own<AnyMethod>(self, method);
    if (!schema || typeof fn !== 'function') return null;
    return { schema, fn, self };
  };

  const handleCall = (frame: Extract<ClientFrame, { t: 'call' }>): void => {
    if (inFlight.has(frame.id)) {
      sendError(frame.id, { code: 'INVALID_ARGUMENT', message: `call id ${frame.id} is already in use`, details: {} });
      return;
    }
    const target = resolveMethod(frame.method);
    if (!target) {
      sendError(frame.id, {
        code: 'METHOD_NOT_FOUND',
        message: `There is no API method named "${frame.method}"`,
        details: { method: frame.method },
      });
      return;
    }
    const parsed = target.schema.safeParse(frame.args);
    if (!parsed.success) {
      const problems = (parsed.error?.issues ?? []).map(
        (i) => `${i.path.map(String).join('.') || '(arguments)'}: ${i.message}`,
      );
      sendError(frame.id, {
        code: 'INVALID_ARGUMENT',
        message: `Invalid arguments for ${frame.method}: ${problems.join('; ')}`,
        details: { method: frame.method, problems },
      });
      return;
    }
    const controller = new AbortController();
    inFlight.set(frame.id, controller);
    const ctx: CallContext = {
      signal: controller.signal,
      progress: (update) => {
        if (inFlight.get(frame.id) === controller) send({ t: 'progress', id: frame.id, data: update });
      },
      emit: (chunk) => {
        if (inFlight.get(frame.id) === controller) send({ t: 'chunk', id: frame.id, data: chunk });
      },
    };
    Promise.resolve()
      .then(() => target.fn.call(target.self, parsed.data, ctx))
      .then((value) => {
        if (controller.signal.aborted) throw new CrossdockError('CANCELLED', `${frame.method} was cancelled`);
        send({ t: 'result', id: frame.id, value: value === undefined ? null : value });
      })
      .catch((error: unknown) => {
        const wire =
          controller.signal.aborted && !(error instanceof CrossdockError)
            ? { code: 'CANCELLED' as const, message: `${frame.method} was cancelled`, details: {} }
            : toWireError(error, frame.method);
        if (wire.code === 'INTERNAL') options.onInternalError?.(frame.method, error);
        sendError(frame.id, wire);
      })
      .finally(() => inFlight.delete(frame.id));
  };

  const handleSubscribe = (frame: Extract<ClientFrame, { t: 'subscribe' }>): void => {
    const name = frame.event as keyof E & string;
    if (!options.events || !options.eventNames?.includes(name) || subscriptions.has(frame.id)) {
      sendError(frame.id, {
        code: 'METHOD_NOT_FOUND',
        message: `There is no event stream named "${frame.event}"`,
        details: { event: frame.event },
      });
      return;
    }
    let matches: (payload: unknown) => boolean = () => true;
    if (frame.args !== undefined) {
      const filter = own<AnyFilter>(options.eventFilters, name);
      if (!filter) {
        sendError(frame.id, {
          code: 'INVALID_ARGUMENT',
          message: `The event stream "${name}" takes no filter`,
          details: { event: name },
        });
        return;
      }
      const parsed = filter.schema.safeParse(frame.args);
      if (!parsed.success) {
        const problems = (parsed.error?.issues ?? []).map(
          (i) => `${i.path.map(String).join('.') || '(filter)'}: ${i.message}`,
        );
        sendError(frame.id, {
          code: 'INVALID_ARGUMENT',
          message: `Invalid filter for ${name}: ${problems.join('; ')}`,
          details: { event: name, problems },
        });
        return;
      }
      matches = (payload) => filter.matches(payload, parsed.data);
    }
    subscriptions.set(
      frame.id,
      options.events.on(name, (payload) => {
        if (matches(payload)) send({ t: 'event', id: frame.id, data: payload });
      }),
    );
    // The acknowledgement tells the client that events from now on will reach it.
    send({ t: 'result', id: frame.id, value: null });
  };

  const onFrame = (raw: unknown): void => {
    const frame = parseFrame(raw);
    if (!frame) {
      const id = own<unknown>(raw, 'id');
      if (typeof id === 'number') sendError(id, { code: 'INVALID_ARGUMENT', message: 'Malformed frame', details: {} });
      return;
    }
    switch (frame.t) {
      case 'call':
        return handleCall(frame);
      case 'cancel':
        inFlight.get(frame.id)?.abort();
        return;
      case 'subscribe':
        return handleSubscribe(frame);
      case 'unsubscribe':
        subscriptions.get(frame.id)?.();
        subscriptions.delete(frame.id);
        return;
      default:
        sendError(frame.id, {
          code: 'INVALID_ARGUMENT',
          message: `A client may not send "${frame.t}" frames`,
          details: {},
        });
    }
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const controller of inFlight.values()) controller.abort();
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    inFlight.clear();
    subscriptions.clear();
    removeFrame();
    removeClose();
  };
  const removeFrame = transport.onFrame(onFrame);
  const removeClose = transport.onClose(close);
  return { close };
}
