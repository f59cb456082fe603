import type Dockerode from 'dockerode';
import { pack } from 'tar-stream';

/** A secret's value and where it goes in the container. */
export interface SecretFile {
  /** Absolute path in the container, e.g. `/run/secrets/db_password`. */
  target: string;
  value: Buffer;
  uid: number;
  gid: number;
  mode: number;
}

/**
 * Writes secret files into a created (not yet started) container with one archive upload, as
 * compose does for file secrets: the value goes from the vault to the engine in memory and is
 * never written to a file on this computer. Parent directories that the image lacks are made
 * by the engine (0755), so `/run/secrets` need not exist in the image.
 */
export async function putSecretFiles(
  container: Dockerode.Container,
  files: SecretFile[],
  signal?: AbortSignal,
): Promise<void> {
  if (files.length === 0) return;
  const archive = await tarOf(files);
  await container.putArchive(archive, { path: '/', ...(signal ? { abortSignal: signal } : {}) });
}

/** The tar archive of the files, entries relative to `/`. */
export async function tarOf(files: SecretFile[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const collected = new Promise<Buffer>((resolve, reject) => {
    tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    tar.on('end', () => resolve(Buffer.concat(chunks)));
    tar.on('error', reject);
  });
  const mtime = new Date();
  for (const file of files) {
    tar.entry(
      { name: file.target.replace(/^\/+/, ''), mode: file.mode, uid: file.uid, gid: file.gid, mtime, type: 'file' },
      file.value,
    );
  }
  tar.finalize();
  return collected;
}
