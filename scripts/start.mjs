// `npm start`, the demo profile: install (if needed), build the web app (if needed), then run the platform on
// http://localhost:3000 — embedded PGlite in .data/ with demo data, or DATABASE_URL when set.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureInstalled, ensureWebBuilt, root } from './ensure-install.mjs';
import { ensureNode } from './ensure-node.mjs';

await ensureNode();

ensureInstalled();
ensureWebBuilt();
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  // The demo profile: not NODE_ENV=production, so cookies work over plain http://localhost and /metrics is open.
  // Production is `npm run build` then `NODE_ENV=production npm run serve` (README).
  env: { NODE_ENV: 'development', RDPLAN_PROFILE: 'demo', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
