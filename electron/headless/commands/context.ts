import type { CrossdockApi, CrossdockEventFilters, CrossdockEvents, RpcClient } from '../../../shared/index.js';
import type { Core } from '../../core/create-core.js';

/** What every CLI command gets: the in-process core and a client of the shared contract. */
export interface CommandContext {
  core: Core;
  client: RpcClient<CrossdockApi, CrossdockEvents, CrossdockEventFilters>;
  out: (text: string) => void;
  /** Resolves the built renderer folder for `serve`. */
  rendererDir: string;
}

export type Command = (args: string[], ctx: CommandContext) => Promise<number | 'keep-alive'>;
