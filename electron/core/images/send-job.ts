import { randomUUID } from 'node:crypto';
import { CrossdockError, type ImageSendReport, type ImageSendTarget } from '../../../shared/index.js';
import { formatBytes } from '../../../shared/text/bytes.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { StoredHost } from '../hosts/inventory.js';
import type { JobContext, JobRunner } from '../jobs/registry.js';
import { openRoute, sendImages, transferHostFor, type TransferHost } from '../migration/transfer/index.js';

const LOG_EVERY_MS = 2_000;

/** What `send` says of each target as it goes, and how far it is (0..1). */
class SendProgress {
  private readonly states = new Map<string, { detail: string; part: number }>();
  private lastLog = 0;

  constructor(
    private readonly job: JobContext<'look-up' | 'send' | 'done'>,
    targets: string[],
  ) {
    for (const name of targets) this.states.set(name, { detail: 'waiting', part: 0 });
  }

  set(target: string, detail: string, part: number, log = false): void {
    this.states.set(target, { detail, part: Math.min(1, Math.max(0, part)) });
    const states = [...this.states.values()];
    const mean = states.reduce((sum, s) => sum + s.part, 0) / states.length;
    this.job.within('send', mean, [...this.states].map(([name, s]) => `${name}: ${s.detail}`).join('; '));
    if (log || Date.now() - this.lastLog >= LOG_EVERY_MS) {
      this.lastLog = Date.now();
      this.job.log(`[send] ${target}: ${detail}`);
    }
  }
}

/**
 * The `image-send` job: the image goes from the source to every target at once, each over a route
 * of its own (the migration's: direct from the source over SSH with a key made for this send and
 * removed after it, or relayed through this computer), and each target receives only the layers
 * it lacks (sendImages). A target that fails does not stop the others; the job fails after them,
 * naming each target that failed.
 */
export function imageSendJob(
  deps: { runtime: HostRuntime },
  source: StoredHost,
  targets: StoredHost[],
  image: string,
  forceRelay: boolean,
): JobRunner<'image-send'> {
  return async (job): Promise<ImageSendReport> => {
    const { signal } = job;
    job.step('look-up', `${image} on ${source.name}`);
    const from = await transferHostFor(deps.runtime, source, signal);
    const inspected = await from.docker
      .getImage(image)
      .inspect()
      .catch((error: unknown) => {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        throw new CrossdockError(
          'NOT_FOUND',
          `Image ${image} is not on ${source.name}; "crossdock image ls --host ${source.name}" lists the images it has`,
          { host: source.name, image },
        );
      });
    const tos = await Promise.all(targets.map((target) => transferHostFor(deps.runtime, target, signal)));
    job.log(
      `[look-up] ${image} on ${source.name}: ${inspected.Id}, ${formatBytes(inspected.Size)}, ${inspected.RootFS.Layers?.length ?? 0} layers, ${inspected.Architecture}`,
    );

    job.step('send');
    const progress = new SendProgress(
      job,
      tos.map((to) => to.name),
    );
    const settled = await Promise.allSettled(
      tos.map((to) => sendTo(from, to, image, inspected.Architecture, forceRelay, job, progress)),
    );
    const sent: ImageSendTarget[] = [];
    const failed: { host: string; error: unknown }[] = [];
    settled.forEach((result, i) => {
      const host = (tos[i] as TransferHost).name;
      if (result.status === 'fulfilled') sent.push(result.value);
      else failed.push({ host, error: result.reason });
    });
    if (failed.length > 0) throw sendFailure(image, source.name, failed, tos.length);
    job.step('done');
    return { source: source.name, image, id: inspected.Id, targets: sent };
  };
}

async function sendTo(
  from: TransferHost,
  to: TransferHost,
  image: string,
  architecture: string,
  forceRelay: boolean,
  job: JobContext<'look-up' | 'send' | 'done'>,
  progress: SendProgress,
): Promise<ImageSendTarget> {
  const { signal } = job;
  const engine = (await to.docker.version()) as { Arch?: string };
  if (engine.Arch && engine.Arch !== architecture)
    job.log(
      `[send] note: ${image} is built for ${architecture}; ${to.name} runs ${engine.Arch}, so it may not start there`,
    );
  progress.set(to.name, 'opening the route', 0);
  // The route's id names its key (on the target) and its files (on the source): one per target.
  const route = await openRoute(from, to, { migrationId: `image-${randomUUID()}`, forceRelay, signal });
  try {
    progress.set(to.name, `${route.kind} route`, 0, true);
    job.log(`[route] ${to.name}: ${route.kind}: ${route.reason}`);
    const result = await sendImages(route, [image], {
      signal,
      log: (line) => job.log(`[send] ${line}`),
      onProgress: (p) =>
        progress.set(
          to.name,
          p.totalBytes ? `${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}` : formatBytes(p.bytes),
          p.totalBytes ? p.bytes / p.totalBytes : 0,
        ),
    });
    const looked = result.images[0];
    const layers = looked?.layers ?? 0;
    const had = result.sent.length === 0;
    const layersHeld = had ? layers : result.layersSkipped;
    progress.set(
      to.name,
      had
        ? 'already there'
        : `${formatBytes(result.bytes)} sent, ${layers - layersHeld} of ${layers} layers (${layersHeld} held)`,
      1,
      true,
    );
    return {
      host: to.name,
      route: { kind: route.kind, reason: route.reason },
      sent: !had,
      bytes: result.bytes,
      layers,
      layersHeld,
    };
  } finally {
    await route.close().catch((error: unknown) => {
      job.log(`[route] ${to.name}: ${error instanceof Error ? error.message : String(error)}`, 'stderr');
    });
  }
}

/** One target's own error as it is; several, one error naming each target and why. */
function sendFailure(
  image: string,
  source: string,
  failed: { host: string; error: unknown }[],
  targets: number,
): unknown {
  const [first] = failed;
  if (failed.length === 1 && targets === 1) return first?.error;
  const why = failed.map(({ host, error }) => `${host}: ${error instanceof Error ? error.message : String(error)}`);
  const code = first?.error instanceof CrossdockError ? first.error.code : 'FAILED_PRECONDITION';
  return new CrossdockError(
    code,
    `Sending ${image} from ${source} failed on ${failed.length} of ${targets} hosts${failed.length < targets ? ' (the others have it now)' : ''}: ${why.join('; ')}`,
    { image, host: source, targets: failed.map((f) => f.host) },
  );
}
