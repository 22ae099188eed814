import { formatWan, OBJECTION_STATUS_LABELS, type ObjectionStatus } from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { queueMail } from '../../mailer.js';

/**
 * Mail to an applicant unit about its project (issue 11): the notice that lists it, the decision on an
 * objection to it, its approval or recognition. Written to the outbox in the caller's transaction, to the
 * unit's active accounts (unit administrators and members). Chinese first, English below. A mail about an
 * objection carries the outcome and the officer's reason (public on the notice page), never the objector's
 * name, unit or contact, nor the reply addressed to the objector.
 */

const SIGNATURE = '广州市科学技术局 / Guangzhou Municipal Science and Technology Bureau';

async function mailUnit(db: Executor, orgId: string, subject: string, zh: string[], en: string[]) {
  const users = await db
    .selectFrom('users')
    .select(['email', 'name'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb(sql.val('unit_admin'), '=', eb.fn.any('roles')), eb(sql.val('unit_member'), '=', eb.fn.any('roles'))]))
    .orderBy('email')
    .execute();
  for (const u of users)
    await queueMail(
      db,
      u.email,
      subject,
      [`${u.name}，您好：`, '', ...zh, '', SIGNATURE, '', '---', '', `Dear ${u.name},`, '', ...en].join('\n'),
    );
  return users.length;
}

export interface NoticedProject {
  orgId: string;
  title: string;
}

/** A notice (or a corrected version) listing the units' projects is published. */
export async function mailNoticePublished(
  db: Executor,
  notice: { id: string; title: string; startsOn: string; endsOn: string; corrected: boolean },
  projects: NoticedProject[],
) {
  const byOrg = new Map<string, string[]>();
  for (const p of projects) byOrg.set(p.orgId, [...(byOrg.get(p.orgId) ?? []), p.title]);
  const what = notice.corrected ? '更正公示' : '公示';
  for (const [orgId, titles] of byOrg) {
    const list = titles.map((t) => `“${t}”`).join('、');
    await mailUnit(
      db,
      orgId,
      `项目${what}：${notice.title} / Notice published with your project`,
      [
        `贵单位的项目${list}已列入“${notice.title}”${notice.corrected ? '（更正版本）' : ''}，公示期为 ${notice.startsOn} 至 ${notice.endsOn}（北京时间）。`,
        `公示页面：/notices/${notice.id}`,
      ],
      [
        `Your unit's project${titles.length > 1 ? 's' : ''} ${titles.map((t) => `"${t}"`).join(', ')} ${titles.length > 1 ? 'are' : 'is'} listed on the public notice "${notice.title}"${notice.corrected ? ' (corrected version)' : ''}, from ${notice.startsOn} to ${notice.endsOn} (Beijing time).`,
        `Notice page: /notices/${notice.id}`,
      ],
    );
  }
}

/** An objection on the unit's project is decided: the outcome and the officer's reason, nothing about the objector. */
export async function mailObjectionDecided(
  db: Executor,
  orgId: string,
  v: { title: string; noticeTitle: string; outcome: Exclude<ObjectionStatus, 'open'>; reason: string },
) {
  const label = OBJECTION_STATUS_LABELS[v.outcome];
  const upheld = v.outcome === 'upheld';
  await mailUnit(
    db,
    orgId,
    `公示异议已办结：${v.title} / Objection to your project decided`,
    [
      `“${v.noticeTitle}”期间对贵单位项目“${v.title}”提出的一项异议已办结。`,
      `办理结果：${label.zh}${upheld ? '，该项目已移出公示名单' : ''}。`,
      `理由：${v.reason}`,
    ],
    [
      `An objection raised during the notice "${v.noticeTitle}" to your unit's project "${v.title}" has been decided.`,
      `Outcome: ${label.en}${upheld ? '; the project has been taken off the list' : ''}.`,
      `Reason: ${v.reason}`,
    ],
  );
}

/** The unit's project is approved (立项) or recognised (认定) in a decision with its 文号. */
export async function mailProjectDecided(
  db: Executor,
  orgId: string,
  v: { title: string; code: string; docNumber: string; decisionTitle: string; kind: 'approved' | 'recognised'; cityFunds: number },
) {
  const approved = v.kind === 'approved';
  await mailUnit(
    db,
    orgId,
    `${approved ? '项目立项' : '项目认定'}：${v.code} / Project ${approved ? 'approved' : 'recognised'}: ${v.code}`,
    [
      approved
        ? `贵单位的项目“${v.title}”已经《${v.decisionTitle}》（${v.docNumber}）批准立项。`
        : `贵单位的项目“${v.title}”已经《${v.decisionTitle}》（${v.docNumber}）认定为广州市重点领域研发计划项目，不安排市财政资金。`,
      `项目编号：${v.code}`,
      `文号：${v.docNumber}`,
      ...(approved ? [`市财政资助：${formatWan(v.cityFunds, 'zh')}`] : []),
      ...(approved ? ['请登录系统填写项目任务书。'] : []),
    ],
    [
      approved
        ? `Your unit's project "${v.title}" is approved by decision ${v.docNumber}.`
        : `Your unit's project "${v.title}" is recognised as a Guangzhou key-area R&D project by decision ${v.docNumber}, with no city funds.`,
      `Project code: ${v.code}`,
      `Reference number: ${v.docNumber}`,
      ...(approved ? [`City funds: ${formatWan(v.cityFunds, 'en')}`] : []),
      ...(approved ? ['Please sign in to complete the project task book.'] : []),
    ],
  );
}
