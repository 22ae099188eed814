import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * Content-addressed attachment store: a file is kept once under its SHA-256, in the data folder by
 * default. Writing is atomic (temp file + rename), so a crash never leaves a half-written blob under a
 * valid name; a blob written by a transaction that then failed is harmless and reused on retry.
 */
export function blobDir(config: Config): string {
  return path.join(config.dataDir, 'blobs');
}

function blobPath(config: Config, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(blobDir(config), sha256.slice(0, 2), sha256);
}

export function sha256Of(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

export async function putBlob(config: Config, buffer: Buffer): Promise<string> {
  const sha = sha256Of(buffer);
  const target = blobPath(config, sha);
  const exists = await stat(target).then(
    (s) => s.size === buffer.length,
    () => false,
  );
  if (exists) return sha;
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  await writeFile(temp, buffer);
  await rename(temp, target);
  return sha;
}

export async function readBlob(config: Config, sha256: string): Promise<Buffer> {
  return readFile(blobPath(config, sha256));
}

/** PDF files start with "%PDF-". */
export function isPdf(buffer: Buffer): boolean {
  return buffer.subarray(0, 5).toString('latin1') === '%PDF-';
}
