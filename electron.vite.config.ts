import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { withCspMetaTag } from './shared/content-security-policy.js';

// One build for the three Electron parts. The renderer output (out/renderer) is also what the
// web mode (`crossdock serve`) serves, so the browser and the window run the same bundle.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules or node_modules: one CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    // Every `import … from 'zod'` in the page goes through the module that turns Zod's eval probe
    // off first (renderer/src/api/zod-jitless.ts, which itself imports 'zod/v4', the same module).
    resolve: { alias: [{ find: /^zod$/, replacement: resolve('renderer/src/api/zod-jitless.ts') }] },
    // The page's CSP comes from the one declaration the servers' headers use too.
    plugins: [react(), { name: 'crossdock-csp', transformIndexHtml: { order: 'pre', handler: withCspMetaTag } }],
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
