/**
 * A build context read from a folder on this computer, as `docker build` sends it: every file
 * not excluded by the folder's `.dockerignore` (Docker's own matching rules, through
 * @balena/dockerignore, a port of Docker's Go code), the Dockerfile and `.dockerignore` always.
 * It is packed as a tar stream straight into the engine's build request: nothing is written to a
 * temporary file here or on the host.
 *
 * Its content hash decides whether a deploy builds again (see build-image.ts): SHA-256 over each
 * entry's type, path, permission bits, size, link target and bytes, in path order. Times and
 * owners are left out (they change on a fresh checkout while the image would not), so an
 * unchanged context hashes the same wherever and whenever it is read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import ignore from '@balena/dockerignore';
import { pack, type Pack } from 'tar-stream';
import { CrossdockError } from '../../../shared/index.js';

export interface ContextEntry {
  /** Path in the context, with `/` separators, no leading `./`. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** Permission bits. */
  mode: number;
  size: number;
  mtime: Date;
  /** Where the bytes are read from (a file of the folder); null for generated content. */
  source: string | null;
  /** Bytes made here rather than read (an inline Dockerfile, the amended .dockerignore). */
  content: Buffer | null;
  linkname: string | null;
}

export interface BuildContext {
  /** The context folder, absolute. */
  dir: string;
  entries: ContextEntry[];
  /** `sha256:…` of the entries (see the module's comment). */
  hash: string;
  /** The Dockerfile's path in the context, as the build request names it. */
  dockerfile: string;
  /** Bytes of file content the tar carries. */
  bytes: number;
  /** Bytes of the tar itself: a 512-byte header per entry, content padded to 512, two closing blocks. */
  tarBytes: number;
  /** Files left out by `.dockerignore`. */
  ignored: number;
}

export interface DockerfileChoice {
  /** compose's `dockerfile`: relative to the context (or absolute); null for `Dockerfile`. */
  dockerfile: string | null;
  /** compose's `dockerfile_inline`. */
  inline: string | null;
}

/**
 * The name a Dockerfile that is not a file of the context (inline, or outside the folder) gets
 * in the tar. It is also added to the `.dockerignore` that is sent, so the engine drops it from
 * the context after reading it, as the docker CLI does with its own `.dockerfile.*` name.
 */
export const GENERATED_DOCKERFILE = '.crossdock.Dockerfile';

/** Reads the context folder `dir` (absolute): its entries after `.dockerignore`, and their hash. */
export async function readBuildContext(
  dir: string,
  choice: DockerfileChoice,
  signal?: AbortSignal,
): Promise<BuildContext> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new CrossdockError(
      'NOT_FOUND',
      `The build context ${dir} is not a folder on this computer: check build.context (it is relative to the compose file's folder)`,
      { path: dir },
    );

  let dockerfile = 'Dockerfile';
  let generated: Buffer | null = null;
  if (choice.inline !== null) {
    dockerfile = GENERATED_DOCKERFILE;
    generated = Buffer.from(choice.inline);
  } else {
    const path = resolve(dir, choice.dockerfile ?? 'Dockerfile');
    const inside = relative(dir, path);
    const text = await readFile(path).catch(() => null);
    if (text === null)
      throw new CrossdockError(
        'NOT_FOUND',
        `There is no Dockerfile at ${path}: check build.dockerfile (it is relative to the build context ${dir})`,
        { path },
      );
    if (inside.startsWith('..') || isAbsolute(inside)) {
      dockerfile = GENERATED_DOCKERFILE;
      generated = text;
    } else dockerfile = inside.split(sep).join('/');
  }

  const ignoreText = await readFile(join(dir, '.dockerignore'), 'utf8').catch(() => null);
  const patterns = (ignoreText ?? '').split(/\r?\n/);
  // As the docker CLI: the Dockerfile and .dockerignore are always sent (the engine reads the one
  // and drops both from the context when .dockerignore names them).
  // Case-sensitive, as Docker matches on Linux (and as dockerode's own packing sets it).
  const matcher = ignore({ ignorecase: false }).add([...patterns, `!${dockerfile}`, '!.dockerignore']);
  const hasExceptions = patterns.some((line) => line.trim().startsWith('!')) || dockerfile.includes('/');

  const entries: ContextEntry[] = [];
  let ignored = 0;
  const walk = async (folder: string, prefix: string): Promise<void> => {
    signal?.throwIfAborted();
    const names = (await readdir(folder)).sort();
    for (const name of names) {
      const path = prefix ? `${prefix}/${name}` : name;
      const source = join(folder, name);
      const meta = await lstat(source);
      const excluded = matcher.ignores(path);
      if (meta.isDirectory()) {
        // An excluded folder is walked only when an exception (`!pattern`) may bring back something in it.
        if (excluded && !hasExceptions) {
          ignored++;
          continue;
        }
        if (!excluded) entries.push(entry(path, 'directory', meta.mode, 0, meta.mtime, null));
        await walk(source, path);
        continue;
      }
      if (excluded) {
        ignored++;
        continue;
      }
      if (meta.isSymbolicLink()) {
        entries.push({ ...entry(path, 'symlink', meta.mode, 0, meta.mtime, null), linkname: await readlink(source) });
      } else if (meta.isFile()) {
        if (path === dockerfile && generated !== null) continue;
        entries.push(entry(path, 'file', meta.mode, meta.size, meta.mtime, source));
      }
      // Sockets, pipes and devices are left out, as the docker CLI leaves them.
    }
  };
  await walk(dir, '');

  if (generated !== null) {
    const epoch = new Date(0);
    const withoutOld = entries.filter((e) => e.path !== '.dockerignore');
    const amended = Buffer.from(`${ignoreText ?? ''}\n${GENERATED_DOCKERFILE}\n`);
    const ignoreEntry = entries.find((e) => e.path === '.dockerignore');
    withoutOld.push(
      { ...entry('.dockerignore', 'file', ignoreEntry?.mode ?? 0o644, amended.length, epoch, null), content: amended },
      { ...entry(GENERATED_DOCKERFILE, 'file', 0o644, generated.length, epoch, null), content: generated },
    );
    withoutOld.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    entries.splice(0, entries.length, ...withoutOld);
  }

  return {
    dir,
    entries,
    hash: await hashEntries(entries, signal),
    dockerfile,
    bytes: entries.reduce((sum, e) => sum + e.size, 0),
    tarBytes: entries.reduce((sum, e) => sum + 512 + Math.ceil(e.size / 512) * 512, 1024),
    ignored,
  };
}

function entry(
  path: string,
  type: ContextEntry['type'],
  mode: number,
  size: number,
  mtime: Date,
  source: string | null,
): ContextEntry {
  return { path, type, mode: mode & 0o7777, size, mtime, source, content: null, linkname: null };
}

async function hashEntries(entries: ContextEntry[], signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for (const e of entries) {
    signal?.throwIfAborted();
    hash.update(`${e.type}\0${e.path}\0${e.mode.toString(8)}\0${e.size}\0${e.linkname ?? ''}\0`);
    if (e.content !== null) hash.update(e.content);
    else if (e.type === 'file' && e.source !== null) {
      for await (const chunk of createReadStream(e.source, { signal })) hash.update(chunk as Buffer);
    }
  }
  return `sha256:${hash.digest('hex')}`;
}

/**
 * The context as a tar stream, read from the folder as the request consumes it (owners 0:0, as
 * the docker CLI sends them). A file that changed size since it was read fails the stream.
 */
export function packBuildContext(context: BuildContext, signal?: AbortSignal): Pack {
  const tar = pack();
  void (async () => {
    for (const e of context.entries) {
      signal?.throwIfAborted();
      const header = { name: e.path, mode: e.mode, mtime: e.mtime, uid: 0, gid: 0 };
      if (e.type === 'directory') {
        await new Promise<void>((done, fail) =>
          tar.entry({ ...header, type: 'directory' }, (error) => (error ? fail(error) : done())),
        );
      } else if (e.type === 'symlink') {
        await new Promise<void>((done, fail) =>
          tar.entry({ ...header, type: 'symlink', linkname: e.linkname ?? '' }, (error) =>
            error ? fail(error) : done(),
          ),
        );
      } else if (e.content !== null) {
        const content = e.content;
        await new Promise<void>((done, fail) =>
          tar.entry({ ...header, size: content.length }, content, (error) => (error ? fail(error) : done())),
        );
      } else if (e.source !== null) {
        const sink = tar.entry({ ...header, size: e.size });
        await pipeline(createReadStream(e.source, { signal }), sink);
      }
    }
    tar.finalize();
  })().catch((error: unknown) => tar.destroy(error instanceof Error ? error : new Error(String(error))));
  return tar;
}
