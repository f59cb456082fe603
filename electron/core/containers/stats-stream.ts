import type { Readable } from 'node:stream';
import type { CallContext, StatsSample } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { fromDockerApi } from './docker-api-errors.js';

/** The parts of Docker's stats JSON we read. */
export interface RawStats {
  read?: string;
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: { inactive_file?: number; total_inactive_file?: number; cache?: number };
  };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

/** CPU and memory as `docker stats` computes them (memory without the page cache). */
/** The memory a container may use: its own limit, else the host's memory; null: keep what stats says. */
export interface MemoryLimit {
  bytes: number;
  source: 'container' | 'host';
}

/**
 * Picks the limit to show: HostConfig.Memory when set (> 0), else the host's memory. Docker's
 * stats `limit` is not used for this: under some cgroup setups it reports the host's memory for a
 * limited container.
 */
export function chooseMemoryLimit(
  containerLimit: number | undefined,
  hostMemory: number | undefined,
): MemoryLimit | null {
  if (containerLimit !== undefined && containerLimit > 0) return { bytes: containerLimit, source: 'container' };
  if (hostMemory !== undefined && hostMemory > 0) return { bytes: hostMemory, source: 'host' };
  return null;
}

export function toStatsSample(raw: RawStats, limit: MemoryLimit | null = null): StatsSample {
  const cpu = raw.cpu_stats ?? {};
  const pre = raw.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const cpus = cpu.online_cpus ?? cpu.cpu_usage?.percpu_usage?.length ?? 1;
  const memory = raw.memory_stats ?? {};
  const cache = memory.stats?.inactive_file ?? memory.stats?.total_inactive_file ?? memory.stats?.cache ?? 0;
  let rx = 0;
  let tx = 0;
  for (const network of Object.values(raw.networks ?? {})) {
    rx += network.rx_bytes ?? 0;
    tx += network.tx_bytes ?? 0;
  }
  return {
    at: raw.read && !raw.read.startsWith('0001') ? raw.read : new Date().toISOString(),
    cpuPercent: cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0,
    memoryBytes: Math.max(0, (memory.usage ?? 0) - cache),
    memoryLimitBytes: limit?.bytes ?? memory.limit ?? 0,
    memoryLimitSource: limit?.source ?? 'host',
    networkRxBytes: rx,
    networkTxBytes: tx,
  };
}

/** Streams samples (Docker sends about one a second) until the caller cancels. */
export async function streamStats(
  engine: DockerEngine,
  hostName: string,
  container: string,
  ctx: CallContext<StatsSample>,
): Promise<void> {
  try {
    // One inspect and one info per stream (not per sample), for the limit shown under the chart.
    const [inspect, info] = await Promise.all([
      engine.call((d) => d.getContainer(container).inspect({ abortSignal: ctx.signal })),
      engine.call((d) => d.info() as Promise<{ MemTotal?: number }>).catch(() => ({}) as { MemTotal?: number }),
    ]);
    const limit = chooseMemoryLimit(inspect.HostConfig?.Memory, info.MemTotal);
    const stream = (await engine.call(() =>
      engine.docker.getContainer(container).stats({ stream: true }),
    )) as unknown as Readable;
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      const stop = (): void => {
        stream.destroy();
        reject(new Error('cancelled'));
      };
      if (ctx.signal.aborted) return stop();
      ctx.signal.addEventListener('abort', stop, { once: true });
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) ctx.emit(toStatsSample(JSON.parse(line) as RawStats, limit));
      });
      stream.once('end', resolve);
      stream.once('error', (error) => (ctx.signal.aborted ? undefined : reject(error)));
    });
  } catch (error) {
    throw fromDockerApi(error, `Container "${container}"`, hostName);
  }
}
