// `npm run build:cli`, and the `prepare` script that npm runs on `npm install` in a clone:
// builds the CLI's bundle into out/cli (see cli-bundle.mjs).
import { buildCliBundle } from './cli-bundle.mjs';

await buildCliBundle();
