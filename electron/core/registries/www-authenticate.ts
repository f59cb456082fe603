/** A registry's challenge from `WWW-Authenticate`, as the distribution token spec describes it. */
export interface AuthChallenge {
  /** Lower case: `basic` or `bearer` (anything else is kept, and refused by the caller). */
  scheme: string;
  /** Parameters by lower-case name: `realm`, `service`, `scope`… */
  params: Record<string, string>;
}

/**
 * Parses the first challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…"`.
 * Registries send one; a header with several keeps the first, which is the one they prefer.
 */
export function parseAuthChallenge(header: string | null): AuthChallenge | null {
  if (!header) return null;
  const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header);
  if (!match) return null;
  const [, scheme = '', rest = ''] = match;
  const params: Record<string, string> = {};
  // key="quoted, with \"escapes\"" or key=token, separated by commas.
  const param = /\s*([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  for (let found = param.exec(rest); found; found = param.exec(rest)) {
    const [, key = '', quoted, bare] = found;
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
    // A second challenge starts with a scheme and a space: stop at it.
    params[key.toLowerCase()] ??= value;
    if (/^\s*[A-Za-z][\w-]*\s+[A-Za-z]/.test(rest.slice(param.lastIndex))) break;
  }
  return { scheme: scheme.toLowerCase(), params };
}
