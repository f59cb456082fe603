/** The fields of /etc/os-release that choose an install plan. */
export interface OsRelease {
  id: string;
  idLike: string[];
  versionId: string;
  /** VERSION_CODENAME, or UBUNTU_CODENAME: what Docker's apt repository is keyed by. */
  codename: string;
  prettyName: string;
}

/**
 * Parses os-release(5): KEY=value lines, values optionally in single or double quotes, with
 * backslash escapes inside double quotes. Unknown keys and malformed lines are ignored, as the
 * format asks of readers.
 */
export function parseOsRelease(text: string): OsRelease {
  const fields = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match) continue;
    fields.set(match[1] as string, unquote(match[2] as string));
  }
  const id = (fields.get('ID') ?? 'linux').toLowerCase();
  return {
    id,
    idLike: (fields.get('ID_LIKE') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    versionId: fields.get('VERSION_ID') ?? '',
    codename: fields.get('VERSION_CODENAME') || fields.get('UBUNTU_CODENAME') || '',
    prettyName: fields.get('PRETTY_NAME') ?? fields.get('NAME') ?? id,
  };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
    return value.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}
