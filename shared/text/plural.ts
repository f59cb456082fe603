/**
 * English plurals for what users read, in the app and the CLI alike: `counted(1, 'container')` is
 * "1 container", `counted(2, 'container')` "2 containers". Nouns whose plural the rule below gets
 * wrong pass it (`counted(n, 'person', 'people')`).
 */

/** The regular plural: directory → directories, address → addresses, key → keys, image → images. */
function regularPlural(singular: string): string {
  if (/[^aeiou]y$/i.test(singular)) return `${singular.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(singular)) return `${singular}es`;
  return `${singular}s`;
}

/** The noun for `count` things: singular for exactly one (and minus one), plural otherwise (0 containers). */
export function pluralize(count: number, singular: string, plural?: string): string {
  return Math.abs(count) === 1 ? singular : (plural ?? regularPlural(singular));
}

/**
 * A count with its noun. `format` renders the number (e.g. `Intl.NumberFormat#format` for
 * "1,204 containers"); the noun follows the count itself, not its rendering.
 */
export function counted(
  count: number,
  singular: string,
  plural?: string,
  format: (count: number) => string = String,
): string {
  return `${format(count)} ${pluralize(count, singular, plural)}`;
}
