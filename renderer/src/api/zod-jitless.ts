import { z } from 'zod/v4';

// Zod 4 probes `Function('')` to decide whether to compile faster parsers, and does so when an
// object schema is made (at module load, for the contract's schemas), not only when one parses.
// The window's CSP (`script-src 'self'`) rightly blocks that, but each probe is still a CSP
// violation the page reports (a `securitypolicyviolation` event). So the renderer's build resolves
// `zod` to this module (electron.vite.config.ts): no module can make a schema before this line has
// said there is no eval here, whichever chunk the bundler puts the schemas in.
z.config({ jitless: true });

export * from 'zod/v4';
export { z, z as default };
