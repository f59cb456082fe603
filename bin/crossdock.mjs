#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx crossdock` works in a fresh checkout
// without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/headless/main.ts');
