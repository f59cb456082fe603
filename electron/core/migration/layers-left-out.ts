import { counted } from '../../../shared/text/plural.js';

/**
 * How many layers a migration left out of the image stream because the target already had them,
 * in words: "no layers left out", "1 layer already on walk-2 was left out", "3 layers already on
 * walk-2 were left out" (it read "0 layer(s) walk-2 held left out").
 */
export function layersLeftOut(count: number, targetName: string): string {
  if (count <= 0) return 'no layers left out';
  return `${counted(count, 'layer')} already on ${targetName} ${count === 1 ? 'was' : 'were'} left out`;
}
