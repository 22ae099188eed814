import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { PostgresBlobStore, type BlobStore } from './blobs.js';

/**
 * The store the configuration names (RDPLAN_BLOB_STORE): PostgreSQL by default, or S3-compatible (its
 * client loaded only when asked for). A file of its own, so that blobs.ts and s3-blobs.ts, which both
 * build on the store's interface, do not import each other.
 */
export async function createBlobStore(config: Config, db: Db): Promise<BlobStore> {
  if (config.blobStore.kind === 's3') {
    const { S3BlobStore } = await import('./s3-blobs.js');
    return new S3BlobStore(config.blobStore);
  }
  return new PostgresBlobStore(db);
}
