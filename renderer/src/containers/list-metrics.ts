/** Every row of the resource list is this tall (`--row-height` in resource-list.css); rows are never measured. */
export const ROW_HEIGHT = 34;
/** The sticky header row's height (`.list-header` in resource-list.css). */
export const HEADER_HEIGHT = 32;
