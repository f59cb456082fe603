import ElectronStore from 'electron-store';
import { STORE_DEFAULTS, STORE_FILE_NAME, type StoreFile, type StoreSchema } from '../core/store/store.js';

/** The Electron store: electron-store writes the same JSON file as the core's conf store. */
export function createElectronStore(dataDir: string): StoreFile {
  const store = new ElectronStore<StoreSchema>({
    cwd: dataDir,
    name: STORE_FILE_NAME,
    defaults: STORE_DEFAULTS,
    clearInvalidConfig: false,
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    get path() {
      return store.path;
    },
  };
}
