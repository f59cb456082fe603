import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HEADER_CSP } from '../../shared/content-security-policy.js';

/** The app is served from its own origin, so CSP 'self' and sender checks mean exactly the app. */
export const APP_ORIGIN = 'crossdock://app';

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'crossdock', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer folder under crossdock://app/, refusing paths that leave it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('crossdock', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    // The header repeats the page's CSP and adds what a meta tag cannot carry (frame-ancestors).
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', HEADER_CSP);
    return new Response(response.body, { status: response.status, headers });
  });
}
