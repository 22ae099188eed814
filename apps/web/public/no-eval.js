// Loaded by index.html before the app's modules, so that it runs before any zod schema is created: zod
// then parses without generating code. Otherwise it probes `new Function` once, which the page's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') blocks and reports as a violation.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
