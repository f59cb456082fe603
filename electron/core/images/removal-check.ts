import { CrossdockError, type ErrorAdvice } from '../../../shared/index.js';

/** A container made from the image, as the removal check sees it. */
export interface ImageUser {
  name: string;
  running: boolean;
}

/** Whether `ref` names an image by id (`sha256:…` or a hex prefix) rather than by a name. */
export function isImageId(ref: string): boolean {
  return /^(sha256:)?[0-9a-f]{12,64}$/.test(ref);
}

/**
 * Why removing `ref` from a host must not go ahead, or null. Docker only takes the tag off an
 * image that has other tags, so containers do not hold that back. Otherwise a running container
 * keeps its image whatever `force` says (the engine would untag it and leave it dangling, which
 * is not what a user asking to remove it wants), and stopped ones keep it unless `force`.
 */
export function removalBlocker(
  ref: string,
  host: string,
  tags: readonly string[],
  users: readonly ImageUser[],
  force: boolean,
): CrossdockError | null {
  if (!isImageId(ref) && tags.length > 1) return null;
  const running = users.filter((user) => user.running).map((user) => user.name);
  const stopped = users.filter((user) => !user.running).map((user) => user.name);
  if (running.length > 0) {
    return new CrossdockError(
      'FAILED_PRECONDITION',
      `Image ${ref} on ${host} is used by running ${running.length === 1 ? 'container' : 'containers'} ${running.join(', ')}; stop and remove ${running.length === 1 ? 'it' : 'them'} first`,
      { host, image: ref, containers: [...running, ...stopped] },
    );
  }
  if (stopped.length > 0 && !force) {
    return new CrossdockError(
      'FAILED_PRECONDITION',
      `Image ${ref} on ${host} is used by stopped ${stopped.length === 1 ? 'container' : 'containers'} ${stopped.join(', ')}; remove ${stopped.length === 1 ? 'it' : 'them'} first`,
      { host, image: ref, containers: stopped, advice: 'force-image-remove' satisfies ErrorAdvice },
    );
  }
  return null;
}
