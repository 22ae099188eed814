/**
 * The ceiling of `api-surge`: a bare Fastify + pg endpoint doing the same writes as an applicant's
 * session (insert the draft idempotently by clientKey, update it a few times with a version check, set
 * its status) on the same database — no sign-in, no rules, no audit, no view. Started as its own
 * process by bench/api-surge.ts (two of them, like the app): `node --import tsx bench/api-surge-bare.ts`
 * with DATABASE_URL and PORT; prints `ready <port>` when listening on 127.0.0.1.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => undefined);
const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.post<{ Body: { orgId: string; clientKey: string } }>('/bare/applications', async (req, reply) => {
  const { orgId, clientKey } = req.body;
  const inserted = await pool.query<{ id: string; version: number }>(
    `insert into bare_applications (org_id, client_key, form) values ($1, $2, '{}')
     on conflict (org_id, client_key) do nothing returning id, version`,
    [orgId, clientKey],
  );
  if (inserted.rows[0]) return reply.code(201).send(inserted.rows[0]);
  const existing = await pool.query('select id, version from bare_applications where org_id = $1 and client_key = $2', [orgId, clientKey]);
  return reply.code(200).send(existing.rows[0]);
});

app.put<{ Params: { id: string }; Body: { version: number; form: unknown } }>('/bare/applications/:id/draft', async (req, reply) => {
  const r = await pool.query<{ id: string; version: number }>(
    `update bare_applications set form = $2, version = version + 1, updated_at = now()
     where id = $1 and version = $3 and status = 'draft' returning id, version`,
    [req.params.id, JSON.stringify(req.body.form), req.body.version],
  );
  if (!r.rows[0]) return reply.code(409).send({ code: 'conflict' });
  return r.rows[0];
});

app.post<{ Params: { id: string }; Body: { version: number } }>('/bare/applications/:id/submit', async (req, reply) => {
  const r = await pool.query<{ id: string; version: number; status: string }>(
    `update bare_applications set status = 'submitted', submitted_at = now()
     where id = $1 and version = $2 and status in ('draft', 'submitted') returning id, version, status`,
    [req.params.id, req.body.version],
  );
  if (!r.rows[0]) return reply.code(409).send({ code: 'conflict' });
  return r.rows[0];
});

app.get<{ Params: { id: string } }>('/bare/applications/:id', async (req) => {
  const r = await pool.query('select id, version, status from bare_applications where id = $1', [req.params.id]);
  return r.rows[0];
});

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`ready ${new URL(address).port}`);
const stop = () => void app.close().then(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
