/**
 * The renderer's Content Security Policy, written once. Three places apply it: the page's meta
 * tag (put into index.html by the build, see electron.vite.config.ts), the header of the
 * desktop app's `crossdock://app` protocol, and the header of the web mode's server. Nothing is
 * allowed from anywhere but the page's own origin; no inline script or style, no plugins, no
 * `<base>`, no form posts.
 */
const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For the page's meta tag: browsers ignore frame-ancestors there (and log an error for it). */
export const PAGE_CSP = PAGE_DIRECTIVES.join('; ');

/** For HTTP headers: the page's policy plus what only a header can carry (no framing at all). */
export const HEADER_CSP = [...PAGE_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

const META_TAG = `<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`;

/**
 * The page with its CSP meta tag, first thing after `<meta charset>` (before anything the policy
 * governs). The build applies it to renderer/index.html, which therefore carries no copy.
 */
export function withCspMetaTag(html: string): string {
  if (/http-equiv="Content-Security-Policy"/i.test(html))
    throw new Error('The page already has a CSP meta tag; shared/content-security-policy.ts is its only source');
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (!charset) throw new Error('The page has no <meta charset> to put the CSP meta tag after');
  const at = charset.index + charset[0].length;
  return `${html.slice(0, at)}\n    ${META_TAG}${html.slice(at)}`;
}
