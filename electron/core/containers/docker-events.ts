import type { Readable } from 'node:stream';
import type { CrossdockEvents, DockerChange } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import type { EventHub } from '../events/event-hub.js';

const KINDS = new Set<DockerChange['kind']>(['container', 'image', 'volume', 'network']);

/**
 * Follows each host's Docker event stream and republishes it as `docker.changed`, so lists update
 * on change instead of by polling. One stream per host; it is restarted by the next `watch` after
 * it ends (a dropped connection, a restarted engine).
 */
export class DockerEventWatcher {
  private readonly streams = new Map<string, Readable>();

  /**
   * `follow: false` (the CLI: one command, no view to keep live, nobody subscribed) never opens a
   * stream: it would cost each listed host a second channel and request for nothing.
   */
  constructor(
    private readonly events: EventHub<CrossdockEvents>,
    private readonly options: { follow: boolean } = { follow: true },
  ) {}

  watch(hostId: string, engine: DockerEngine): void {
    if (!this.options.follow || this.streams.has(hostId)) return;
    // Reserve the slot before the request so concurrent listings start one stream, not several.
    const placeholder = { destroy: () => undefined } as unknown as Readable;
    this.streams.set(hostId, placeholder);
    engine
      .call((docker) => docker.getEvents({ filters: { type: [...KINDS] } }) as Promise<Readable>)
      .then((stream) => {
        if (this.streams.get(hostId) !== placeholder) return stream.destroy();
        this.streams.set(hostId, stream);
        let buffered = '';
        stream.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) this.publish(hostId, line);
        });
        const ended = (): void => {
          if (this.streams.get(hostId) === stream) this.streams.delete(hostId);
        };
        stream.once('end', ended);
        stream.once('close', ended);
        stream.once('error', ended);
      })
      .catch(() => {
        if (this.streams.get(hostId) === placeholder) this.streams.delete(hostId);
      });
  }

  stop(hostId: string): void {
    this.streams.get(hostId)?.destroy();
    this.streams.delete(hostId);
  }

  stopAll(): void {
    for (const hostId of [...this.streams.keys()]) this.stop(hostId);
  }

  private publish(hostId: string, line: string): void {
    if (!line.trim()) return;
    try {
      const event = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string }; id?: string };
      const kind = event.Type as DockerChange['kind'];
      if (!KINDS.has(kind)) return;
      this.events.emit('docker.changed', {
        hostId,
        kind,
        action: event.Action ?? '',
        id: event.Actor?.ID ?? event.id ?? '',
      });
    } catch {
      // A malformed line from the engine is not worth breaking the stream for.
    }
  }
}
