import { z } from 'zod';
import type { Chunks, SchemaMap } from '../rpc/contract.js';
import type {
  ContainerAction,
  ContainerSummary,
  CrossHostList,
  ExecChunk,
  ImageSummary,
  LogChunk,
  NetworkSummary,
  StatsSample,
  VolumeSummary,
} from '../domain/docker.js';
import { hostRef } from './hosts.js';

const hosts = z.array(hostRef).max(500).optional();
const containerRef = z.string().trim().min(1).max(256);

/** Containers, images, volumes and networks of every host; live changes come as `docker.changed`. */
export interface DockerApi {
  /** Containers on the given hosts (all hosts when omitted); running only unless `all`. */
  containers(args: { hosts?: string[] | undefined; all: boolean }): Promise<CrossHostList<ContainerSummary>>;
  images(args: { hosts?: string[] | undefined }): Promise<CrossHostList<ImageSummary>>;
  volumes(args: { hosts?: string[] | undefined }): Promise<CrossHostList<VolumeSummary>>;
  networks(args: { hosts?: string[] | undefined }): Promise<CrossHostList<NetworkSummary>>;
  containerAction(args: {
    host: string;
    container: string;
    action: ContainerAction;
    force?: boolean | undefined;
  }): Promise<void>;
  /** Streams a container's log; with `follow`, until cancelled. Resolves with the chunk count. */
  logs(
    args: { host: string; container: string; follow: boolean; tail?: number | undefined },
    chunks?: Chunks<LogChunk>,
  ): Promise<number>;
  /** Runs a command in a container with a terminal; streams output until it exits. Resolves with the exit code. */
  exec(
    args: {
      host: string;
      container: string;
      command: string[];
      tty: boolean;
      cols?: number | undefined;
      rows?: number | undefined;
    },
    chunks?: Chunks<ExecChunk>,
  ): Promise<number>;
  /** Sends keystrokes (or stdin bytes) to an exec session. */
  execInput(args: { sessionId: string; data: string }): Promise<void>;
  execResize(args: { sessionId: string; cols: number; rows: number }): Promise<void>;
  /** Streams resource samples about once a second until cancelled. */
  stats(args: { host: string; container: string }, chunks?: Chunks<StatsSample>): Promise<void>;
}

export const dockerSchemas: SchemaMap<DockerApi> = {
  containers: z.strictObject({ hosts, all: z.boolean() }),
  images: z.strictObject({ hosts }),
  volumes: z.strictObject({ hosts }),
  networks: z.strictObject({ hosts }),
  containerAction: z.strictObject({
    host: hostRef,
    container: containerRef,
    action: z.enum(['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove']),
    force: z.boolean().optional(),
  }),
  logs: z.strictObject({
    host: hostRef,
    container: containerRef,
    follow: z.boolean(),
    tail: z.number().int().min(0).max(100_000).optional(),
  }),
  exec: z.strictObject({
    host: hostRef,
    container: containerRef,
    command: z.array(z.string().max(4096)).min(1).max(256),
    tty: z.boolean(),
    cols: z.number().int().min(1).max(1000).optional(),
    rows: z.number().int().min(1).max(1000).optional(),
  }),
  execInput: z.strictObject({ sessionId: z.string().min(1).max(100), data: z.string().max(64 * 1024) }),
  execResize: z.strictObject({
    sessionId: z.string().min(1).max(100),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  }),
  stats: z.strictObject({ host: hostRef, container: containerRef }),
};
