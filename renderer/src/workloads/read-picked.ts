import type { PickedFile } from './deploy-form.js';

/** The text of the files picked in a file input. */
export const readPicked = (list: FileList | null): Promise<PickedFile[]> =>
  Promise.all([...(list ?? [])].map(async (file) => ({ name: file.name, text: await file.text() })));
