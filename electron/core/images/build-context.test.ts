import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENERATED_DOCKERFILE, packBuildContext, readBuildContext, type BuildContext } from './build-context.js';

let dir: string;
const write = (path: string, text: string): void => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const read = (choice: { dockerfile?: string; inline?: string } = {}): Promise<BuildContext> =>
  readBuildContext(dir, { dockerfile: choice.dockerfile ?? null, inline: choice.inline ?? null });

/** The tar's entries as `path` (folders with a trailing `/`) → content. */
async function untar(context: BuildContext): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => {
        const name = header.type === 'directory' ? `${header.name}/` : header.name;
        out.set(name, header.type === 'symlink' ? `-> ${header.linkname}` : Buffer.concat(chunks).toString());
        next();
      });
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  packBuildContext(context).pipe(tar);
  await done;
  return out;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossdock-context-'));
  write('Dockerfile', 'FROM scratch\nCOPY . /app\n');
  write('app.txt', 'hello');
  write('src/main.txt', 'main');
  write('secret.env', 'TOKEN=1');
  write('node_modules/big/index.js', 'x'.repeat(1000));
  write('logs/a.log', 'a');
  write('logs/keep.log', 'kept');
  write('.dockerignore', '# local only\nsecret.env\nnode_modules\nlogs/*\n!logs/keep.log\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readBuildContext', () => {
  it('leaves out what .dockerignore excludes, with its exceptions, and always sends the Dockerfile', async () => {
    write('.dockerignore', 'secret.env\nnode_modules\nlogs/*\n!logs/keep.log\nDockerfile\n');
    const context = await read();
    expect(context.entries.map((e) => (e.type === 'directory' ? `${e.path}/` : e.path))).toEqual([
      '.dockerignore',
      'Dockerfile',
      'app.txt',
      'logs/',
      'logs/keep.log',
      'src/',
      'src/main.txt',
    ]);
    expect(context.dockerfile).toBe('Dockerfile');
    expect(context.ignored).toBe(3);
    const tar = await untar(context);
    expect([...tar.keys()]).toEqual(context.entries.map((e) => (e.type === 'directory' ? `${e.path}/` : e.path)));
    expect(tar.get('logs/keep.log')).toBe('kept');
  });

  it('hashes what is sent: an ignored file or a new time changes nothing, a sent byte does', async () => {
    const first = (await read()).hash;
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    write('secret.env', 'TOKEN=2');
    write('node_modules/big/other.js', 'more');
    utimesSync(join(dir, 'app.txt'), new Date(2020, 1, 1), new Date(2020, 1, 1));
    expect((await read()).hash).toBe(first);
    write('app.txt', 'hellO');
    const changed = (await read()).hash;
    expect(changed).not.toBe(first);
    write('src/new.txt', '');
    expect((await read()).hash).not.toBe(changed);
  });

  it('knows the size of its tar, for the upload progress', async () => {
    const context = await read();
    let bytes = 0;
    for await (const chunk of packBuildContext(context)) bytes += (chunk as Buffer).length;
    expect(context.tarBytes).toBe(bytes);
  });

  it('keeps symbolic links as links', async () => {
    symlinkSync('app.txt', join(dir, 'link'));
    const tar = await untar(await read());
    expect(tar.get('link')).toBe('-> app.txt');
  });

  it('sends an inline Dockerfile under its own name, dropped from the context by the engine', async () => {
    const context = await read({ inline: 'FROM scratch\n' });
    expect(context.dockerfile).toBe(GENERATED_DOCKERFILE);
    const tar = await untar(context);
    expect(tar.get(GENERATED_DOCKERFILE)).toBe('FROM scratch\n');
    expect(tar.get('.dockerignore')).toContain(`\n${GENERATED_DOCKERFILE}\n`);
    expect(tar.get('.dockerignore')).toContain('secret.env');
    expect((await read({ inline: 'FROM scratch\nUSER 1\n' })).hash).not.toBe(context.hash);
  });

  it('finds a Dockerfile in the context by its path, and one outside it by reading it', async () => {
    write('docker/prod.Dockerfile', 'FROM scratch\n');
    write('.dockerignore', 'docker\n');
    expect((await read({ dockerfile: 'docker/prod.Dockerfile' })).dockerfile).toBe('docker/prod.Dockerfile');
    const outside = join(dir, '..', `${join(dir).split('/').pop()}.Dockerfile`);
    writeFileSync(outside, 'FROM scratch\nLABEL outside=1\n');
    try {
      const context = await read({ dockerfile: outside });
      expect(context.dockerfile).toBe(GENERATED_DOCKERFILE);
      expect((await untar(context)).get(GENERATED_DOCKERFILE)).toContain('outside=1');
    } finally {
      rmSync(outside);
    }
  });

  it('names a missing folder or Dockerfile', async () => {
    await expect(readBuildContext(join(dir, 'nope'), { dockerfile: null, inline: null })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(`${join(dir, 'nope')} is not a folder`),
    });
    await expect(read({ dockerfile: 'Dockerfile.dev' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(`no Dockerfile at ${join(dir, 'Dockerfile.dev')}`),
    });
  });
});
