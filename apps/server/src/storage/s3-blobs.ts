import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3BlobConfig } from '../config.js';
import { assertSha256, BlobNotFoundError, sha256Of, type BlobStore } from './blobs.js';

function isMissing(err: unknown): boolean {
  if (err instanceof NoSuchKey || err instanceof NotFound) return true;
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound');
}

/**
 * Blobs as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph …), for production: one object per
 * SHA-256 under the configured prefix. Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY, a profile, an instance role). The `blobs` table keeps the row (size, type)
 * with `content` null; what is read back is checked against the hash.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  constructor(
    private readonly config: S3BlobConfig,
    client?: S3Client,
  ) {
    this.client =
      client ??
      new S3Client({
        region: config.region,
        forcePathStyle: config.forcePathStyle,
        ...(config.endpoint
          ? {
              endpoint: config.endpoint,
              // S3-compatible servers do not all know the SDK's newer default checksums; the hash is checked on read anyway.
              requestChecksumCalculation: 'WHEN_REQUIRED' as const,
              responseChecksumValidation: 'WHEN_REQUIRED' as const,
            }
          : {}),
      });
  }

  private key(sha256: string) {
    return `${this.config.prefix}${sha256}`;
  }

  async put(buffer: Buffer, options: { mime?: string } = {}): Promise<string> {
    const sha256 = sha256Of(buffer);
    if (await this.has(sha256)) return sha256;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.key(sha256),
        Body: buffer,
        ContentLength: buffer.length,
        ContentType: options.mime ?? 'application/octet-stream',
      }),
    );
    return sha256;
  }

  async get(sha256: string): Promise<Buffer> {
    assertSha256(sha256);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
      if (!res.Body) throw new BlobNotFoundError(sha256);
      const buffer = Buffer.from(await res.Body.transformToByteArray());
      if (sha256Of(buffer) !== sha256) throw new BlobNotFoundError(sha256);
      return buffer;
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(sha256);
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  close() {
    this.client.destroy();
  }
}
