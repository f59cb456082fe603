import { app, BrowserWindow, ipcMain } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/create-core.js';
import { resolveDataDir } from '../core/data-dir.js';
import { isAppUrl, registerAppScheme, serveRenderer } from './app-protocol.js';
import { createElectronStore } from './electron-store.js';
import { keychainWrapper } from './keychain-wrapper.js';
import { ipcTransport } from './ipc-transport.js';
import { createAppWindow } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));
// electron-vite sets this in `npm run dev`; a packaged or built app always loads its own files.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

registerAppScheme();
app.setPath('userData', resolveDataDir());

let core: Core | null = null;

function openWindow(active: Core): void {
  const window = createAppWindow(join(here, '../preload/index.cjs'), devServerUrl);
  const isOurs = (url: string): boolean =>
    isAppUrl(url) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
  active.serve(ipcTransport(ipcMain, window.webContents, isOurs));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(() => {
    serveRenderer(join(here, '../renderer'));
    const keyWrapper = keychainWrapper();
    core = createCore({ mode: 'electron', createStore: createElectronStore, ...(keyWrapper ? { keyWrapper } : {}) });
    // A keychain-protected vault opens by itself; a passphrase one waits for the user.
    if (core.vault.status().protection === 'keychain') {
      try {
        core.vault.unlockWithKeychain();
      } catch (error) {
        core.logger.log('warn', 'The system keychain did not open the vault', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    openWindow(core);
    app.on('activate', () => {
      if (core && BrowserWindow.getAllWindows().length === 0) openWindow(core);
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    void core?.dispose();
  });
}
