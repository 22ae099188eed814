// Compiles the server and the command line to JavaScript for production (`npm run build`):
// apps/server/dist/main.js and cli.js (ES modules for Node 24, with source maps). The workspace packages
// (@rdplan/domain, @rdplan/demo export TypeScript source) and the migrations are bundled in; every other
// package stays an import of node_modules, so the build needs its dependencies installed, not bundled.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { root } from './ensure-install.mjs';

const server = path.join(root, 'apps/server');
const outdir = path.join(server, 'dist');

/** Bundle our own workspace packages; leave every npm package external. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@rdplan/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: path.join(server, 'src/main.ts'), cli: path.join(server, 'src/cli.ts') },
  outdir,
  // Shared chunks beside the entries, so that import.meta.url (config.ts finds the repository from it)
  // has the same depth as in src/.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.12',
  sourcemap: true,
  plugins: [externalPackages],
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .reduce((sum, [, o]) => sum + o.bytes, 0);
console.log(`» server compiled: ${path.relative(root, outdir)}/main.js, cli.js (${(bytes / 1024).toFixed(0)} KiB)`);
