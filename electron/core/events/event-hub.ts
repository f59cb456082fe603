import type { EventMap } from '../../../shared/index.js';

/** A typed publish/subscribe hub; the RPC server forwards its events to subscribed clients. */
export class EventHub<E extends EventMap> {
  private readonly listeners = new Map<keyof E, Set<(payload: never) => void>>();

  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  emit<K extends keyof E & string>(event: K, payload: E[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (payload: E[K]) => void)(payload);
    }
  }

  listenerCount(event: keyof E & string): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
