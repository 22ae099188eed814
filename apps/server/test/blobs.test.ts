import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { OperationNodeTransformer, type KyselyPlugin, type RootOperationNode } from 'kysely';
import S3rver from 's3rver';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import type { S3BlobConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { BlobNotFoundError, copyLegacyBlobs, PostgresBlobStore, sha256Of } from '../src/storage/blobs.js';
import { S3BlobStore } from '../src/storage/s3-blobs.js';
import { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { JOBS } from '../src/jobs/index.js';
import { startHarness } from './support/harness.js';
import { completeForm, multipart, nationalApplication, pdf, seedFields, seedPlanAndCalls } from './support/tracks.js';

/**
 * Uploaded files are kept in a blob store that every instance reads — the database by default, an
 * S3-compatible bucket in production — never in one instance's data folder.
 */

const h = await startHarness();
const db = h.deps.db;
await seedFields(db);
const { calls } = await seedPlanAndCalls(db);

/** Instance A's view of the database cannot claim jobs (as if it were busy), so instance B runs what A queues. */
class NoJobClaims implements KyselyPlugin {
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    const text = args.node.kind === 'SelectQueryNode' ? JSON.stringify(args.node) : '';
    if (text.includes('"SkipLocked"') && text.includes('"import_jobs"')) {
      throw new Error('instance A does not run jobs in this test');
    }
    return new OperationNodeTransformer().transformNode(args.node);
  }
  async transformResult(args: { result: unknown }) {
    return args.result as never;
  }
}

/** A second app on the same database (its own pool on PostgreSQL), with a data folder of its own. */
async function secondInstance(): Promise<App> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-test-b-'));
  const other = h.database.url ? await openDatabase({ url: h.database.url }) : null;
  // B runs background jobs (pg-boss on the same database); A, the harness's app, runs none.
  const app = await buildApp({
    db: other?.db ?? db,
    database: other ?? h.database,
    config: { ...h.deps.config, dataDir, jobs: true, jobsPollSeconds: 0.5 },
    clock: h.clock,
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await other?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return app;
}

/** Files in a data folder other than the audit chain's anchor and key (audit/anchor.ts): uploads never land there. */
async function dataFiles(dir: string) {
  return (await readdir(dir)).filter((name) => !name.startsWith('audit'));
}

async function signIn(app: App, email: string) {
  const c = new Client(app);
  expect((await c.login(email, PASSWORD)).status).toBe(200);
  return c;
}

describe('the PostgreSQL blob store', () => {
  it('keeps bytes under their SHA-256, idempotently, and says clearly when it has none', async () => {
    const store = new PostgresBlobStore(db);
    const bytes = Buffer.from([0, 1, 2, 255, 0x25, 0x50]);
    const sha = await store.put(bytes, { mime: 'application/octet-stream' });
    expect(sha).toBe(sha256Of(bytes));
    expect(await store.put(bytes)).toBe(sha);
    expect(await store.has(sha)).toBe(true);
    expect(Buffer.compare(await store.get(sha), bytes)).toBe(0);
    const missing = 'f'.repeat(64);
    expect(await store.has(missing)).toBe(false);
    await expect(store.get(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it("copies an older install's data-folder files into the store on start, once", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-test-legacy-'));
    try {
      const old = pdf('uploaded before the blob store');
      const sha = sha256Of(old);
      // As the old version left it: the row without bytes, the file in <data>/blobs/<aa>/<sha>.
      await db.insertInto('blobs').values({ sha256: sha, size: old.length, mime: 'application/pdf' }).execute();
      await mkdir(path.join(dataDir, 'blobs', sha.slice(0, 2)), { recursive: true });
      await writeFile(path.join(dataDir, 'blobs', sha.slice(0, 2), sha), old);
      await writeFile(path.join(dataDir, 'blobs', sha.slice(0, 2), `${sha}.1234.tmp`), 'half-written');
      const store = new PostgresBlobStore(db);
      expect(await store.has(sha)).toBe(false);
      expect(await copyLegacyBlobs(store, { dataDir })).toEqual({ copied: 1, present: 0, skipped: [] });
      expect(await copyLegacyBlobs(store, { dataDir })).toEqual({ copied: 0, present: 1, skipped: [] });
      expect(Buffer.compare(await store.get(sha), old)).toBe(0);
      const row = await db.selectFrom('blobs').select('mime').where('sha256', '=', sha).executeTakeFirstOrThrow();
      expect(row.mime).toBe('application/pdf');
      // No data folder at all (a fresh install): nothing to do.
      expect(await copyLegacyBlobs(store, { dataDir: path.join(dataDir, 'none') })).toEqual({ copied: 0, present: 0, skipped: [] });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('two app instances on one database', async () => {
  const b = await secondInstance();
  const a = h.app;
  const noClaims = db.withPlugin(new NoJobClaims());

  it('an attachment uploaded through one instance downloads, byte for byte, through the other', async () => {
    const org = await createOrg(db);
    const user = await createUser(db, { roles: ['unit_admin'], orgId: org.id });
    const n = await nationalApplication(db, { leadOrgId: org.id });
    const viaA = await signIn(a, user.email);
    const viaB = await signIn(b, user.email);
    const created = await viaA.post('/api/applications', {
      callId: calls.backfill,
      clientKey: crypto.randomUUID(),
      nationalApplicationId: n.id,
    });
    expect(created.status).toBe(201);
    const saved = await viaA.put(`/api/applications/${created.body.id}/draft`, { version: created.body.version, form: completeForm() });
    expect(saved.status).toBe(200);
    const content = Buffer.concat([pdf('cross-instance'), Buffer.from([0, 0xff, 0xfe, 0x80])]);
    const m = multipart('申报书.pdf', content);
    const up = await viaA.request('POST', `/api/applications/${created.body.id}/attachments?materialKey=proposal`, m.body, m.headers);
    expect(up.status).toBe(200);
    const att = up.body.attachments[0];
    expect(att.sha256).toBe(sha256Of(content));

    const res = await viaB.get(`/api/applications/${created.body.id}/attachments/${att.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(res.raw, content)).toBe(0);
    // Neither instance wrote the file to its data folder.
    expect(await dataFiles(h.deps.config.dataDir)).toEqual([]);
    expect(await dataFiles(b.deps.config.dataDir)).toEqual([]);

    // A row whose bytes are gone answers 404, not 500.
    await db.updateTable('blobs').set({ content: null }).where('sha256', '=', att.sha256).execute();
    const gone = await viaB.get(`/api/applications/${created.body.id}/attachments/${att.id}`);
    expect(gone.status).toBe(404);
    await db.updateTable('blobs').set({ content }).where('sha256', '=', att.sha256).execute();
  });

  it('a national import queued through one instance is run by the other, from the blob, with no file path in the API', async () => {
    // Instance A only queues: its own view of the database cannot claim jobs.
    const aQueues = await buildApp({ db: noClaims, config: h.deps.config, clock: h.clock, blobs: h.deps.blobs });
    await aQueues.ready();
    try {
      const officer = await createUser(db, { roles: ['officer'] });
      const viaA = await signIn(aQueues, officer.email);
      const viaB = await signIn(b, officer.email);
      const file = JSON.stringify({
        applications: [
          {
            nationalId: 'NAT-BLOB-0001',
            year: 2025,
            programme: '"智能机器人"重点专项',
            direction: '工业机器人关键部件',
            fieldCode: 'F01.02',
            title: '跨实例导入测试',
            lead: { name: '广州跨实例科技有限公司', uscc: '91440106MA5NAT019U' },
            leaderName: '张明远',
            participants: [],
            stage: 'final_defence',
            outcome: 'not_approved',
          },
        ],
      });
      const boundary = '----rdplanBlobs';
      const body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="national.json"\r\nContent-Type: application/json\r\n\r\n${file}\r\n--${boundary}--\r\n`,
      );
      const queued = await viaA.request('POST', '/api/national/import', body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      expect(queued.status).toBe(202);
      const jobId = queued.body.jobId as string;
      const row = await db.selectFrom('import_jobs').select(['blob_sha256', 'status']).where('id', '=', jobId).executeTakeFirstOrThrow();
      expect(row.blob_sha256).toBe(sha256Of(Buffer.from(file)));

      // A runs no queue here (so that it cannot take the job itself): it recorded the job, and its message
      // goes into the shared queue (the same pgboss.job row A would write) through B's client. B runs it
      // from the blob store.
      await b.deps.jobs!.send(JOBS.nationalImport, { jobId });
      let view: { status: string; failure: string | null } | undefined;
      for (let i = 0; i < 400 && view?.status !== 'done' && view?.status !== 'failed'; i++) {
        if (i > 0) await sleep(25);
        view = (await viaB.get(`/api/national/import-jobs/${jobId}`)).body;
      }
      expect(view?.failure ?? null).toBeNull();
      expect(view?.status).toBe('done');
      const seenByA = await viaA.get(`/api/national/import-jobs/${jobId}`);
      const listed = await viaA.get('/api/national/import-jobs');
      for (const text of [JSON.stringify(view), seenByA.body && JSON.stringify(seenByA.body), JSON.stringify(listed.body)]) {
        expect(text).not.toContain(tmpdir());
        expect(text).not.toMatch(/\/blobs\/|ENOENT/);
      }
      expect(await dataFiles(h.deps.config.dataDir)).toEqual([]);
    } finally {
      await aQueues.close();
    }
  });
});

describe('the S3-compatible blob store (against a local S3 server the test starts)', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'rdplan-test-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'rdplan-blobs' }] });
  const { port } = (await server.run()) as { port: number };
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  const config: S3BlobConfig = {
    kind: 's3',
    bucket: 'rdplan-blobs',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    prefix: 'blobs/',
  };
  const store = new S3BlobStore(config);
  afterAll(async () => {
    store.close();
    await server.close();
    vi.unstubAllEnvs();
    await rm(directory, { recursive: true, force: true });
  });

  it('puts, finds and reads back by hash; a missing or altered object is a clear not-found', async () => {
    const bytes = Buffer.concat([pdf('s3'), Buffer.alloc(70_000, 7)]);
    const sha = await store.put(bytes, { mime: 'application/pdf' });
    expect(sha).toBe(sha256Of(bytes));
    expect(await store.put(bytes)).toBe(sha);
    expect(await store.has(sha)).toBe(true);
    expect(Buffer.compare(await store.get(sha), bytes)).toBe(0);
    expect(await store.has('0'.repeat(64))).toBe(false);
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);

    // An object changed behind the store's back is refused, not served.
    const raw = new S3Client({
      region: 'us-east-1',
      endpoint: config.endpoint!,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const other = Buffer.from('%PDF-1.4 tampered');
    const victim = await store.put(Buffer.from('%PDF-1.4 original'));
    await raw.send(new PutObjectCommand({ Bucket: config.bucket, Key: `blobs/${victim}`, Body: other }));
    raw.destroy();
    await expect(store.get(victim)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('an app configured for S3 keeps attachments in the bucket and serves them', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-test-s3app-'));
    const app = await buildApp({ db, config: { ...h.deps.config, dataDir, blobStore: config }, clock: h.clock });
    try {
      expect(app.deps.blobs.kind).toBe('s3');
      const org = await createOrg(db);
      const user = await createUser(db, { roles: ['unit_admin'], orgId: org.id });
      const n = await nationalApplication(db, { leadOrgId: org.id });
      const c = await signIn(app, user.email);
      const created = await c.post('/api/applications', {
        callId: calls.backfill,
        clientKey: crypto.randomUUID(),
        nationalApplicationId: n.id,
      });
      const content = pdf('kept in the bucket');
      const m = multipart('申报书.pdf', content);
      const up = await c.request('POST', `/api/applications/${created.body.id}/attachments?materialKey=proposal`, m.body, m.headers);
      expect(up.status).toBe(200);
      const att = up.body.attachments[0];
      expect(await store.has(att.sha256)).toBe(true);
      const row = await db.selectFrom('blobs').select(['content', 'mime']).where('sha256', '=', att.sha256).executeTakeFirstOrThrow();
      expect(row).toEqual({ content: null, mime: 'application/pdf' });
      const res = await c.get(`/api/applications/${created.body.id}/attachments/${att.id}`);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.raw, content)).toBe(0);
      expect(await dataFiles(dataDir)).toEqual([]);
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
