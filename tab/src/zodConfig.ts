import { z } from 'zod';

// The tab's Content-Security-Policy forbids eval (bot/http/staticTab.ts). zod probes for eval
// when its first object schema is built, and the browser reports every probe as a violation;
// jitless parsers skip the probe. Imported first by main.tsx, before any schema module.
z.config({ jitless: true });
