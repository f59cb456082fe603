import { EventEmitter } from 'node:events';
import { GceError, notFound } from './errors.js';
import { numericId } from './ids.js';

/** A Compute Engine operation resource (zonal when `zone` is set, else global). */
export interface OperationResource {
  kind: 'compute#operation';
  id: string;
  name: string;
  operationType: string;
  targetLink: string;
  targetId: string;
  status: 'PENDING' | 'RUNNING' | 'DONE';
  user: string;
  progress: number;
  insertTime: string;
  startTime: string;
  endTime?: string;
  selfLink: string;
  zone?: string;
  httpErrorStatusCode?: number;
  httpErrorMessage?: string;
  error?: { errors: { code: string; message: string }[] };
}

/** Where an operation lives: `zones/{zone}` or `global`, under a project's base URL. */
export interface OperationScope {
  projectUrl: string;
  zone?: string;
}

/**
 * Runs the slow half of every mutating call in the background, the way Compute does: the call
 * answers at once with a RUNNING operation, the work (a container start, waiting for sshd)
 * finishes later, and `wait` lets a client block on it for a bounded time.
 */
export class Operations {
  private readonly byName = new Map<string, OperationResource>();
  private readonly done = new EventEmitter();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly user: string) {
    this.done.setMaxListeners(0);
  }

  /** Records an operation and starts `work`; a thrown GceError becomes the operation's error. */
  start(
    scope: OperationScope,
    operationType: string,
    targetLink: string,
    targetId: string,
    work: () => Promise<void>,
  ): OperationResource {
    const now = new Date().toISOString();
    const name = `operation-${Date.now()}-${numericId().slice(-8)}`;
    const base = scope.zone === undefined ? `${scope.projectUrl}/global` : `${scope.projectUrl}/zones/${scope.zone}`;
    const operation: OperationResource = {
      kind: 'compute#operation',
      id: numericId(),
      name,
      operationType,
      targetLink,
      targetId,
      status: 'RUNNING',
      user: this.user,
      progress: 0,
      insertTime: now,
      startTime: now,
      selfLink: `${base}/operations/${name}`,
      ...(scope.zone === undefined ? {} : { zone: `${scope.projectUrl}/zones/${scope.zone}` }),
    };
    this.byName.set(name, operation);
    const run = work()
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const code = error instanceof GceError ? error.reason.toUpperCase() : 'INTERNAL_ERROR';
        operation.error = { errors: [{ code, message }] };
        operation.httpErrorStatusCode = error instanceof GceError ? error.httpCode : 500;
        operation.httpErrorMessage = message;
      })
      .finally(() => {
        operation.status = 'DONE';
        operation.progress = 100;
        operation.endTime = new Date().toISOString();
        this.pending.delete(run);
        this.done.emit(name);
      });
    this.pending.add(run);
    return { ...operation };
  }

  /** The operation, or 404 when it is not in this scope. */
  get(scope: OperationScope, name: string): OperationResource {
    const operation = this.byName.get(name);
    if (
      !operation ||
      (operation.zone ?? '') !== (scope.zone === undefined ? '' : `${scope.projectUrl}/zones/${scope.zone}`)
    ) {
      const where = scope.zone === undefined ? 'global' : `zones/${scope.zone}`;
      throw notFound(`${scope.projectUrl.replace(/^.*\/projects\//, 'projects/')}/${where}/operations/${name}`);
    }
    return operation;
  }

  /** Like Compute's `wait`: answers when the operation is DONE or after `timeoutMs`, whichever is first. */
  async wait(scope: OperationScope, name: string, timeoutMs: number): Promise<OperationResource> {
    const operation = this.get(scope, name);
    if (operation.status !== 'DONE') {
      await new Promise<void>((resolve) => {
        const finish = (): void => {
          clearTimeout(timer);
          this.done.off(name, finish);
          resolve();
        };
        const timer = setTimeout(finish, timeoutMs);
        this.done.once(name, finish);
      });
    }
    return { ...operation };
  }

  /** Lets background work finish (close() must not remove containers under a running start). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
