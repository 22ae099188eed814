import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { JOBS } from '../src/jobs/index.js';
import { deliverOutbox, MAX_MAIL_ATTEMPTS, smtpTransport } from '../src/jobs/mail.js';
import { queueMail } from '../src/mailer.js';
import { startHarness } from './support/harness.js';
import { startSmtpServer } from './support/smtp.js';

const smtp = await startSmtpServer();
afterAll(() => smtp.close());
const h = await startHarness({ jobs: true, jobsPollSeconds: 0.5, smtpUrl: smtp.url, mailFrom: '广州市科技局 <noreply@gzst.test>' });
const db = h.deps.db;
const outbox = (to: string) => db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).executeTakeFirstOrThrow();
const receivedBy = (to: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === to);

const BODY =
  '张经理，您好：\n\n贵单位的申报书《基于国产芯片的边缘智能平台》已提交，受理编号 GZ-2026-0001。\n\nDear Mr Zhang, your application was submitted.\n';

describe('mail delivery', () => {
  it('drains the outbox over SMTP from a queue job: recipient, subject and the Chinese body arrive intact', async () => {
    await queueMail(db, 'zhang@unit.test', '申报书已提交 / Application submitted', BODY);
    expect(await h.deps.jobs!.send(JOBS.mail)).toBeTruthy();
    for (let i = 0; i < 400 && receivedBy('zhang@unit.test').length === 0; i++) await sleep(25);
    const [mail, ...more] = receivedBy('zhang@unit.test');
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe('申报书已提交 / Application submitted');
    expect(mail!.text).toBe(BODY);
    expect(mail!.from?.text).toContain('noreply@gzst.test');
    const row = await outbox('zhang@unit.test');
    expect(row.sent_at).not.toBeNull();
    expect(row).toMatchObject({ attempts: 1, last_error: null, failed_at: null });
    // The rest of this file drives delivery itself, so the queue's worker stops here.
    await h.deps.jobs!.stop();
  });

  it('retries a mail the server refused, after its back-off, and never sends it twice', async () => {
    const transport = smtpTransport(smtp.url);
    smtp.state.refuseNext = 1;
    await queueMail(db, 'li@unit.test', '材料补正通知 / Please complete your materials', BODY);
    expect(await deliverOutbox(h.deps, transport)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const refused = await outbox('li@unit.test');
    expect(refused).toMatchObject({ attempts: 1, sent_at: null, failed_at: null });
    expect(refused.last_error).toContain('mailbox busy');
    // Not due before its back-off (1 minute on the app's clock).
    expect(await deliverOutbox(h.deps, transport)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    h.clock.advance(61_000);
    expect(await deliverOutbox(h.deps, transport)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    h.clock.advance(3600_000);
    expect(await deliverOutbox(h.deps, transport)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(receivedBy('li@unit.test')).toHaveLength(1);
    expect(receivedBy('li@unit.test')[0]!.text).toBe(BODY);
    expect(await outbox('li@unit.test')).toMatchObject({ attempts: 2, last_error: null });
    transport.close();
  });

  it('gives a mail up after its last try and keeps it with the reason; two senders at once send each mail once', async () => {
    const transport = smtpTransport(smtp.url);
    smtp.state.refuseNext = MAX_MAIL_ATTEMPTS;
    await queueMail(db, 'wang@unit.test', '退回通知 / Returned', BODY);
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i++) {
      await deliverOutbox(h.deps, transport);
      h.clock.advance(3 * 3600_000);
    }
    const given = await outbox('wang@unit.test');
    expect(given.failed_at).not.toBeNull();
    expect(given).toMatchObject({ attempts: MAX_MAIL_ATTEMPTS, sent_at: null });
    expect(receivedBy('wang@unit.test')).toHaveLength(0);

    const addresses = Array.from({ length: 8 }, (_, i) => `batch${i}@unit.test`);
    for (const to of addresses) await queueMail(db, to, '批量 / Batch', BODY);
    const [a, b] = await Promise.all([deliverOutbox(h.deps, transport), deliverOutbox(h.deps, transport)]);
    expect(a.sent + b.sent).toBe(addresses.length);
    for (const to of addresses) expect(receivedBy(to)).toHaveLength(1);
    transport.close();
  });

  it('keeps mail in the outbox when no SMTP is configured, and says so once in the log', async () => {
    const lines: string[] = [];
    const config = { ...h.deps.config, smtpUrl: undefined, logLevel: 'info' };
    const app = await buildApp({ db, database: h.database, config, clock: h.clock, logStream: { write: (line) => lines.push(line) } });
    await app.ready();
    await queueMail(db, 'demo@unit.test', '演示 / Demo', BODY);
    await app.deps.jobs!.send(JOBS.mail); // no worker for it on this instance
    await app.close();
    expect(lines.filter((l) => l.includes('no SMTP configured'))).toHaveLength(1);
    expect(await outbox('demo@unit.test')).toMatchObject({ sent_at: null, attempts: 0 });
  });
});
