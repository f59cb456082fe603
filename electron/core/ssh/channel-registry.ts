import type { ClientChannel } from 'ssh2';

/**
 * The channels open on one SSH connection, so leaks show up as a number (tests check it returns
 * to zero) and the connection can close them all when it goes away.
 */
export class ChannelRegistry {
  private readonly open = new Set<ClientChannel>();

  get size(): number {
    return this.open.size;
  }

  /** Counts `channel` until ssh2 reports it closed. */
  add(channel: ClientChannel): void {
    this.open.add(channel);
    channel.once('close', () => this.open.delete(channel));
  }

  /** Forgets every channel: their connection is gone, so they are too. */
  clear(): void {
    this.open.clear();
  }
}

/**
 * Closes a channel so that ssh2 can finish it: ssh2 emits 'close' only after the readable side
 * has ended, which never happens while unread data sits in a paused stream, so drain first.
 */
export function closeChannel(channel: ClientChannel): void {
  channel.stderr.resume();
  channel.resume();
  channel.close();
}
