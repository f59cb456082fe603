import { topmostPaths } from './manifest-compare.js';

/**
 * A volume's directories on the source at one pass, path (as `find` prints it, `./a/b`, bytes kept
 * as latin1) → inode number. The next pass compares its own listing with it to find directories
 * moved in between.
 */
export type DirectoryInodes = ReadonlyMap<string, string>;

/**
 * The directories moved since `before`: a directory now at a path where `before` had another
 * inode (or none), whose inode `before` had at another path. A move changes the moved
 * directory's ctime but not its children's, so a pass that copies what is newer than its marker
 * would bring the directory and none of its files: these need their whole subtree sent.
 *
 * A directory whose inode `before` never saw is new: everything in it was created or moved in
 * since, which moves those entries' ctimes, so the marker finds them. Only the topmost of nested
 * moved directories are returned (a subtree sent whole holds the rest). An inode reused by a new
 * directory makes it look moved: its subtree is sent whole, which costs bytes, never data.
 */
export function movedDirectories(before: DirectoryInodes, now: DirectoryInodes): { path: string; inode: string }[] {
  const pathOfInode = new Map<string, string>();
  for (const [path, inode] of before) pathOfInode.set(inode, path);
  const moved = new Map([...now].filter(([path, inode]) => before.get(path) !== inode && pathOfInode.has(inode)));
  return topmostPaths([...moved.keys()]).map((path) => ({ path, inode: moved.get(path) as string }));
}

/** The directories of a listing of path → {type, inode} (`find -printf %y %i %p`). */
export function directoryInodes(entries: ReadonlyMap<string, { type: string; inode: string }>): DirectoryInodes {
  const dirs = new Map<string, string>();
  for (const [path, entry] of entries) if (entry.type === 'd') dirs.set(path, entry.inode);
  return dirs;
}
