/** Private key files are a few KB; anything much larger is the wrong file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Why a picked file is too large to be a private key, or null when its size is fine. */
export function keyFileSizeProblem(file: { name: string; size: number }): string | null {
  if (file.size <= MAX_KEY_FILE_BYTES) return null;
  return `${file.name} is ${Math.round(file.size / 1024)} KB; a private key file is only a few KB. Pick the key file.`;
}
