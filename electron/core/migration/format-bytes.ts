// The migration's logs and messages use the app's one byte formatter (binary units).
export { formatBytes } from '../../../shared/text/bytes.js';
