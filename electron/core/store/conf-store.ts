import Conf from 'conf';
import { STORE_DEFAULTS, STORE_FILE_NAME, type StoreFile, type StoreSchema } from './store.js';

/** The plain-Node store (CLI, web mode, tests). */
export function createConfStore(dataDir: string): StoreFile {
  const conf = new Conf<StoreSchema>({
    cwd: dataDir,
    configName: STORE_FILE_NAME,
    defaults: STORE_DEFAULTS,
    // Another process (the window and the CLI at once) may have written since we last read.
    watch: false,
    clearInvalidConfig: false,
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    get path() {
      return conf.path;
    },
  };
}
