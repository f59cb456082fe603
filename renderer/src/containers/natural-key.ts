const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

/**
 * A string that sorts "naturally" under plain `<` comparison: lower case, with every run of
 * digits zero-padded, so `web-2` < `web-10`. Comparing precomputed keys is several times faster
 * than `Intl.Collator` on each comparison, which matters when sorting 10,000 rows per keystroke.
 */
export function naturalKey(text: string): string {
  let key = memo.get(text);
  if (key === undefined) {
    key = text.toLowerCase().replace(/\d+/g, (digits) => (digits.length < 12 ? digits.padStart(12, '0') : digits));
    // The same names come back on every keystroke and refetch; bound the memo all the same.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, key);
  }
  return key;
}

export function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
