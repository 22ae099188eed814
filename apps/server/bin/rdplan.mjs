#!/usr/bin/env node
// The rdplan command line: the compiled one (dist/cli.js, from `npm run build`) when it exists, otherwise
// the TypeScript source through tsx (development; `npm run rdplan` always runs the source).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (fs.existsSync(compiled)) {
  const { runCli } = await import(compiled);
  try {
    process.exit(await runCli(process.argv.slice(2)));
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
} else {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
