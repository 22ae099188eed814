import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';

/**
 * Content-addressed file store for uploads (attachments, import files). A file is kept once under its
 * SHA-256 and read back by it, from any instance of the app: the default keeps the bytes in PostgreSQL
 * (the `blobs` table, so instances sharing a database need nothing else); production may use an
 * S3-compatible object store (s3-blobs.ts). Callers hold only the hash — never a path.
 *
 * Every store checks what it reads against the hash, so a damaged or substituted object is refused
 * rather than served. A blob written for a transaction that then failed is harmless and reused on retry.
 */
export interface BlobStore {
  /** 'postgres' | 's3' — for logs and /healthz. */
  readonly kind: string;
  /** Keeps the bytes (idempotent) and answers their SHA-256 in hex. */
  put(buffer: Buffer, options?: { mime?: string }): Promise<string>;
  /** The bytes under this hash; throws BlobNotFoundError when the store does not hold them. */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Releases connections the store holds (S3 client sockets). */
  close?(): void;
}

/** The store holds no file under this hash (or what it holds does not match it). */
export class BlobNotFoundError extends Error {
  readonly code = 'blob_not_found';
  constructor(readonly sha256: string) {
    super(`no stored file with sha256 ${sha256} / 找不到已上传的文件`);
    this.name = 'BlobNotFoundError';
  }
}

export function isBlobNotFound(err: unknown): err is BlobNotFoundError {
  return err instanceof BlobNotFoundError;
}

export function sha256Of(buffer: Uint8Array): string {
  return createHash('sha256').update(buffer).digest('hex');
}

export function assertSha256(sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new BlobNotFoundError(sha256.slice(0, 64));
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The bytes in the `blobs` table (bytea). Works on PostgreSQL and on the embedded PGlite alike. */
export class PostgresBlobStore implements BlobStore {
  readonly kind = 'postgres';
  constructor(private readonly db: Db) {}

  async put(buffer: Buffer, options: { mime?: string } = {}): Promise<string> {
    const sha256 = sha256Of(buffer);
    await this.db
      .insertInto('blobs')
      .values({ sha256, size: buffer.length, mime: options.mime ?? 'application/octet-stream', content: buffer })
      // A row without bytes (an old install's data folder, or a row written by the S3 store) gets them now.
      .onConflict((oc) => oc.column('sha256').doUpdateSet({ content: buffer }).where('blobs.content', 'is', null))
      .execute();
    return sha256;
  }

  async get(sha256: string): Promise<Buffer> {
    assertSha256(sha256);
    const row = await this.db.selectFrom('blobs').select('content').where('sha256', '=', sha256).executeTakeFirst();
    if (!row?.content) throw new BlobNotFoundError(sha256);
    const buffer = asBuffer(row.content);
    if (sha256Of(buffer) !== sha256) throw new BlobNotFoundError(sha256);
    return buffer;
  }

  async has(sha256: string): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
    const row = await this.db
      .selectFrom('blobs')
      .select('sha256')
      .where('sha256', '=', sha256)
      .where('content', 'is not', null)
      .executeTakeFirst();
    return row !== undefined;
  }
}

/** Where versions before the blob store kept uploads: <data folder>/blobs/<aa>/<sha256>. */
export function legacyBlobDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'blobs');
}

/**
 * Copies the files an older version kept in the data folder into the store, so nothing uploaded before
 * is lost. Idempotent (a hash the store holds is skipped) and safe for several instances starting at
 * once (put is idempotent). The files stay where they are; a file whose bytes do not match its name is
 * skipped and reported.
 */
export async function copyLegacyBlobs(
  store: BlobStore,
  config: Pick<Config, 'dataDir'>,
): Promise<{ copied: number; present: number; skipped: string[] }> {
  const root = legacyBlobDir(config);
  const result = { copied: 0, present: 0, skipped: [] as string[] };
  const shards = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const shard of shards) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    for (const name of await readdir(path.join(root, shard.name))) {
      if (!/^[0-9a-f]{64}$/.test(name) || !name.startsWith(shard.name)) continue; // temp files of an interrupted write
      if (await store.has(name)) {
        result.present++;
        continue;
      }
      const buffer = await readFile(path.join(root, shard.name, name));
      if (sha256Of(buffer) !== name) {
        result.skipped.push(name);
        continue;
      }
      await store.put(buffer);
      result.copied++;
    }
  }
  return result;
}

/** PDF files start with "%PDF-". */
export function isPdf(buffer: Buffer): boolean {
  return buffer.subarray(0, 5).toString('latin1') === '%PDF-';
}
