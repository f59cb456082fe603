import type { LogLine } from './log-buffer.js';

export interface Segment {
  text: string;
  match: boolean;
}

/** Case-insensitive plain-text search: what people type is what they mean, no regex surprises. */
export function lineMatches(text: string, query: string): boolean {
  return query !== '' && text.toLowerCase().includes(query.toLowerCase());
}

/**
 * The lines to show: all of them, or with `onlyMatches` the indexes of matching ones. Returns
 * null for "all lines", so the common case allocates nothing.
 */
export function visibleLines(lines: readonly LogLine[], query: string, onlyMatches: boolean): number[] | null {
  if (!onlyMatches || query === '') return null;
  const needle = query.toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i]!.text.toLowerCase().includes(needle)) out.push(i);
  return out;
}

export function countMatches(lines: readonly LogLine[], query: string): number {
  if (query === '') return 0;
  const needle = query.toLowerCase();
  let count = 0;
  for (const line of lines) if (line.text.toLowerCase().includes(needle)) count++;
  return count;
}

/** Splits a line around each occurrence of the query, for <mark>ing them. */
export function highlight(text: string, query: string): Segment[] {
  if (query === '') return [{ text, match: false }];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const out: Segment[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) out.push({ text: text.slice(from, at), match: false });
    out.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) out.push({ text: text.slice(from), match: false });
  return out;
}
