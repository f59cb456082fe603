import { ServiceError, requireParam } from '../errors.js';
import type { ActionHandler } from './context.js';

const createTags: ActionHandler = (params, context) => {
  const ids = params.strings('ResourceId');
  requireParam(ids.length > 0 ? ids : undefined, 'ResourceId');
  const known = (id: string): boolean =>
    (context.state.instances.has(id) && context.state.instances.get(id)?.state !== 'terminated') ||
    context.state.groups.has(id) ||
    [...context.state.keyPairs.values()].some((k) => k.keyPairId === id);
  const unknown = ids.find((id) => !known(id));
  if (unknown?.startsWith('i-'))
    throw new ServiceError('InvalidInstanceID.NotFound', `The instance ID '${unknown}' does not exist`);
  if (unknown?.startsWith('sg-'))
    throw new ServiceError('InvalidGroup.NotFound', `The security group '${unknown}' does not exist`);
  if (unknown) throw new ServiceError('InvalidID', `The ID '${unknown}' is not valid`);
  const tags = params
    .structs('Tag')
    .map((t) => [requireParam(t.string('Key'), 'Tag.Key'), t.string('Value') ?? ''] as const);
  for (const id of ids) for (const [k, v] of tags) context.state.tagsOf(id).set(k, v);
  return { return: true };
};

/** Tag actions by name. */
export const tagActions: Record<string, ActionHandler> = { CreateTags: createTags };
