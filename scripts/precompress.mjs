// Writes brotli (.br) and gzip (.gz) copies beside the web app's text files after `vite build`, so the
// server sends them compressed without compressing per request (@fastify/static preCompressed).
// Usage: node scripts/precompress.mjs [dir] (default apps/web/dist). Built-ins only.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './ensure-install.mjs';

const dir = path.resolve(process.argv[2] ?? path.join(root, 'apps/web/dist'));
const compressible = /\.(js|mjs|css|html|svg|json|txt|xml|wasm|map)$/i;

function* files(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
for (const file of [...files(dir)]) {
  if (!compressible.test(file) || file.endsWith('.map')) continue;
  const body = fs.readFileSync(file);
  if (body.length < 1024) continue;
  const brotli = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const gzip = zlib.gzipSync(body, { level: 9 });
  fs.writeFileSync(`${file}.br`, brotli);
  fs.writeFileSync(`${file}.gz`, gzip);
  raw += body.length;
  br += brotli.length;
  gz += gzip.length;
}
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
console.log(`» web app precompressed: ${mb(raw)} → ${mb(gz)} gzip, ${mb(br)} brotli`);
