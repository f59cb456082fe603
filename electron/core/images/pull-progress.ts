/**
 * Folds the engine's pull stream (one JSON object per event, per layer) into one figure: bytes
 * downloaded of bytes known over all layers. Layers that already exist count as done; a layer's
 * total is known only once its download starts, so the total can grow while pulling.
 */

/** One event of `POST /images/create`, the fields we read. */
export interface PullEvent {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export interface PullProgress {
  /** Layers seen so far. */
  layers: number;
  /** Layers finished (downloaded and extracted, or already on the host). */
  layersDone: number;
  /** Layers the host had already. */
  layersExisting: number;
  downloadedBytes: number;
  totalBytes: number;
  /** 0..1 over layers and bytes; null until anything is known. */
  fraction: number | null;
}

interface LayerState {
  current: number;
  total: number;
  done: boolean;
  existing: boolean;
}

const DONE_STATUSES = new Set(['Pull complete', 'Already exists']);

export class PullProgressAggregator {
  private readonly layers = new Map<string, LayerState>();

  /** Takes one event; returns true when the figure changed. */
  add(event: PullEvent): boolean {
    const id = event.id;
    const status = event.status ?? '';
    // Events without a layer id (the tag line, Digest:, Status:) say nothing about bytes.
    if (id === undefined || !/^[0-9a-f]{12,}$/.test(id)) return false;
    let layer = this.layers.get(id);
    if (layer === undefined) {
      layer = { current: 0, total: 0, done: false, existing: false };
      this.layers.set(id, layer);
    }
    if (status === 'Downloading') {
      const total = event.progressDetail?.total ?? 0;
      if (total > 0) layer.total = total;
      layer.current = Math.min(event.progressDetail?.current ?? layer.current, layer.total || Infinity);
    } else if (status === 'Download complete' || status === 'Verifying Checksum') {
      layer.current = layer.total;
    } else if (DONE_STATUSES.has(status)) {
      layer.done = true;
      layer.current = layer.total;
      if (status === 'Already exists') layer.existing = true;
    }
    return true;
  }

  snapshot(): PullProgress {
    let downloadedBytes = 0;
    let totalBytes = 0;
    let layersDone = 0;
    let layersExisting = 0;
    for (const layer of this.layers.values()) {
      downloadedBytes += layer.current;
      totalBytes += layer.total;
      if (layer.done) layersDone += 1;
      if (layer.existing) layersExisting += 1;
    }
    const count = this.layers.size;
    let fraction: number | null = null;
    if (count > 0) {
      // Bytes decide while known; layers that finish without byte counts (existing ones) still move it.
      const byBytes = totalBytes > 0 ? downloadedBytes / totalBytes : 0;
      const byLayers = layersDone / count;
      fraction = Math.min(1, Math.max(byLayers, byBytes * 0.95 + byLayers * 0.05));
    }
    return { layers: count, layersDone, layersExisting, downloadedBytes, totalBytes, fraction };
  }
}

/** `12.3 MB of 45.0 MB, 3/7 layers (2 already there)`: the detail line a job shows. */
export function describePullProgress(progress: PullProgress): string {
  const parts: string[] = [];
  if (progress.totalBytes > 0)
    parts.push(`${megabytes(progress.downloadedBytes)} of ${megabytes(progress.totalBytes)}`);
  if (progress.layers > 0) {
    const existing = progress.layersExisting > 0 ? ` (${progress.layersExisting} already there)` : '';
    parts.push(`${progress.layersDone}/${progress.layers} layers${existing}`);
  }
  return parts.join(', ');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
