import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { CrossdockError } from '../../../shared/errors.js';

const MAX_KEY_FILE = 64 * 1024;

/**
 * Reads a private key file the user named (the CLI's `--key`, a file picker). The size is checked
 * first so that pointing at a disk image does not read it into memory.
 */
export function readKeyFile(path: string, home = homedir()): Buffer {
  const full = path.replace(/^~(?=$|[/\\])/, home);
  try {
    if (statSync(full).size > MAX_KEY_FILE) {
      throw new CrossdockError('KEY_INVALID', `${path} is too large to be a private key.`, { path });
    }
    return readFileSync(full);
  } catch (error) {
    if (error instanceof CrossdockError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new CrossdockError('NOT_FOUND', `There is no key file at ${path}.`, { path });
    if (code === 'EISDIR')
      throw new CrossdockError('INVALID_ARGUMENT', `${path} is a directory, not a key file.`, { path });
    if (code === 'EACCES' || code === 'EPERM')
      throw new CrossdockError('FAILED_PRECONDITION', `Crossdock may not read ${path}.`, { path });
    throw error;
  }
}
