import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-protocol.js';

/**
 * The app window, with the strictest defaults: the page is isolated from the preload and from
 * Node, sandboxed, and can neither open windows nor navigate away from the app.
 */
export function createAppWindow(preloadPath: string, devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Crossdock',
    // Matches the first paint of the page's theme, so there is no flash of the other one.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#111318' : '#f5f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows, bypassing will-navigate.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const allowed = (url: string): boolean =>
    isAppUrl(url) || (devServerUrl !== undefined && url.startsWith(devServerUrl));

  // No page of ours opens windows; anything that tries is refused.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.once('ready-to-show', () => window.show());

  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
