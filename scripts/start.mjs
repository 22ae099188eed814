// `npm start`: install (if needed), build the web app (if needed), then run the platform on
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
  env: { NODE_ENV: 'production', RDPLAN_SECURE_COOKIES: 'false', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
