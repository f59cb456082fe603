import type { protos } from '@google-cloud/compute';
import { CrossdockError } from '../../../../shared/errors.js';
import type { GcpClients } from './clients.js';

type Operation = protos.google.cloud.compute.v1.IOperation;

/** The Operation resource behind an SDK LRO wrapper (Compute's operations are not google.longrunning ones). */
export function operationName(lro: { latestResponse?: unknown }): string {
  const name = (lro.latestResponse as Operation | undefined)?.name;
  if (!name) throw new Error('Compute answered without an operation name');
  return name;
}

/**
 * Waits until a zone or global operation is DONE. `wait` blocks server-side up to ~2 minutes and
 * may return still RUNNING, hence the loop; the signal is checked between rounds.
 */
export async function waitOperation(
  clients: GcpClients,
  name: string,
  zone: string | null,
  providerName: string,
  signal?: AbortSignal,
): Promise<void> {
  for (;;) {
    signal?.throwIfAborted();
    const [operation] = zone
      ? await clients.zoneOperations.wait({ project: clients.project, zone, operation: name })
      : await clients.globalOperations.wait({ project: clients.project, operation: name });
    if (operation.status === 'DONE') return throwIfFailed(operation, providerName);
  }
}

/** A DONE operation can still carry errors (quota, a bad image); those are expected failures. */
function throwIfFailed(operation: Operation, providerName: string): void {
  const first = operation.error?.errors?.[0];
  if (!first) return;
  const message = `Google Cloud (${providerName}) ${operation.operationType ?? 'operation'} failed: ${first.message ?? first.code ?? 'unknown error'}`;
  const quota = /QUOTA|RESOURCE_EXHAUSTED|ZONE_RESOURCE_POOL_EXHAUSTED/.test(first.code ?? '');
  throw new CrossdockError(quota ? 'NO_SPACE' : 'FAILED_PRECONDITION', message, { provider: providerName });
}
