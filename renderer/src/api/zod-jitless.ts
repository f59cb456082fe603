import { z } from 'zod';

// Zod 4 probes `Function('')` on its first object parse, to decide whether to compile faster
// parsers. The window's CSP (`script-src 'self'`) rightly blocks that, but each probe is still a
// CSP violation the page reports (a `securitypolicyviolation` event). Say up front that there is
// no eval here. Imported first by main.tsx, before any contract schema can parse.
z.config({ jitless: true });
