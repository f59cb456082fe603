/** `1 layer`, `3 layers`, `no layers`: a count with its noun in the right number. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  if (count === 0) return `no ${plural}`;
  return `${count} ${count === 1 ? singular : plural}`;
}
