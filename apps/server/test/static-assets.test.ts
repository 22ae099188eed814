import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();

// A small built web app: an app shell and a hashed script, precompressed by the build's own step.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-web-'));
const script = `console.log(${JSON.stringify('研发计划 '.repeat(400))});\n`;
const shell = `<!doctype html><html><head><title>rdplan</title><script type="module" src="/assets/index-4f9a2c1b.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), shell);
fs.writeFileSync(path.join(dist, 'assets', 'index-4f9a2c1b.js'), script);
fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
const precompress = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../../scripts/precompress.mjs'), dist], {
  encoding: 'utf8',
});

const app = await buildApp({ db: h.deps.db, config: { ...h.deps.config, webDist: dist }, clock: h.clock });
afterAll(async () => {
  await app.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) =>
  app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

describe('the web app’s files and the API’s answers', () => {
  it('are precompressed by the build (brotli and gzip beside each text file)', () => {
    expect(precompress.status, precompress.stderr).toBe(0);
    expect(precompress.stdout).toMatch(/precompressed: .* gzip, .* brotli/);
    for (const f of ['index.html', 'assets/index-4f9a2c1b.js']) {
      expect(fs.existsSync(path.join(dist, `${f}.br`))).toBe(true);
      expect(fs.existsSync(path.join(dist, `${f}.gz`))).toBe(true);
    }
    expect(fs.existsSync(path.join(dist, 'favicon.svg.br')), 'too small to gain').toBe(false);
  });

  it('travel brotli-compressed to a browser that accepts br, gzip to one that accepts only gzip, plain otherwise', async () => {
    const url = '/assets/index-4f9a2c1b.js';
    const br = await get(url, 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 5);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get(url, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('hashed assets are cached for a year as immutable; the app shell and other files are revalidated', async () => {
    for (const encoding of ['br', 'gzip', undefined]) {
      expect((await get('/assets/index-4f9a2c1b.js', encoding)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    for (const url of ['/', '/index.html', '/app/users', '/calls?year=2026', '/favicon.svg']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const shellRes = await get('/app/users', 'br');
    expect(shellRes.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(shellRes.rawPayload).toString()).toBe(shell);
    expect((await get('/assets/missing-00000000.js', 'br')).statusCode).toBe(404);
  });

  it('API responses are compressed for clients that accept it, plain for others', async () => {
    const br = await get('/openapi.json', 'br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    const spec = JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString()) as { openapi: string };
    expect(spec.openapi).toBe('3.1.0');
    const gz = await get('/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(zlib.gunzipSync(gz.rawPayload).length / 3);
    const plain = await get('/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toMatchObject({ openapi: '3.1.0' });
    // small answers are not worth compressing
    expect((await get('/healthz', 'br')).headers['content-encoding']).toBeUndefined();
  });
});
