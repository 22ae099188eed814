import { randomUUID } from 'node:crypto';
import { DEFAULT_PLAN_PARAMS, type ConflictKind, type ReviewSettingsPatch } from '@rdplan/domain';
import { expect } from 'vitest';
import type { Client } from './client.js';
import { createOrg, createUser, PASSWORD } from './fixtures.js';
import type { Harness } from './harness.js';
import { completeForm } from './tracks.js';

/**
 * A review fixture (issue 5): a published consortium (3.1) call with 8 applications in formal_passed, in two
 * chains' work plans; 12 experts with accounts (role 'expert', users.person_id), each at their own unit
 * except where a conflict needs a shared one; and facts giving each conflict kind:
 *
 * | expert | conflict | applications |
 * | --- | --- | --- |
 * | E0 | same_unit (works at app 0's applicant) | 0 |
 * | E1 | same_group (holding → subsidiary → app 1's applicant) | 1 |
 * | E2 | consortium_member (a member of work plan A) | 0–3 |
 * | E3 | participating_unit (app 2's participant) | 2 |
 * | E4 | national_coparticipation with app 4's applicant (project, plan year − 1) | 4 |
 * | E5 | national_coparticipation with app 5's team leader (application, plan year − N) | 5 |
 * | E6 | a national record with app 6's applicant from plan year − N − 1: none | — |
 * | E7 | declared (review_declarations, written directly: H2's route writes them) | 6 |
 * | E8 | applicant_named (app 7's applicant names E8 through the API) | 7 |
 * | E9–E11 | none | — |
 *
 * The applications are inserted directly in formal_passed (the formal check is tested in
 * applications.test.ts); everything about the review goes through the API.
 */

export interface FixtureExpert {
  personId: string;
  userId: string;
  name: string;
  orgId: string;
  client: Client;
}

export interface FixtureApplication {
  id: string;
  orgId: string;
  title: string;
  workplanId: string;
}

export interface ReviewFixture {
  planId: string;
  planYear: number;
  callId: string;
  reviewId: string | null;
  officer: Client;
  admin: Client;
  /** A unit_admin of application 0's applicant. */
  applicant: Client;
  applicantOrgId: string;
  /** A unit_admin of application 7's applicant (named E8 for exclusion). */
  applicant7: Client;
  /** A unit user of an organisation that applied to nothing. */
  outsider: Client;
  applications: FixtureApplication[];
  experts: FixtureExpert[];
  /** The conflicts the fixture sets up: `${applicationIndex}|${expertIndex}` → kind. */
  expectedConflicts: Map<string, ConflictKind>;
}

let fixtureCount = 0;

async function signIn(h: Harness, over: Parameters<typeof createUser>[1]): Promise<{ client: Client; userId: string }> {
  const u = await createUser(h.deps.db, over);
  const client = h.client();
  expect((await client.login(u.email, PASSWORD)).status).toBe(200);
  return { client, userId: u.id };
}

/**
 * Builds the fixture in the harness's database. Several fixtures may share one harness (pass another
 * `year` for another plan, or the same year for another call of it). With `createReview` (default) the
 * officer opens the review through the API (settings as given), the declaration of E7 is stored and the
 * applicant of application 7 names E8.
 */
export async function buildReviewFixture(
  h: Harness,
  opts: { year?: number; createReview?: boolean; settings?: Omit<ReviewSettingsPatch, 'reason'> } = {},
): Promise<ReviewFixture> {
  const db = h.deps.db;
  const n = ++fixtureCount;
  const tag = `${n}-${randomUUID().slice(0, 6)}`;
  const year = opts.year ?? 2026;

  await db
    .insertInto('fields')
    .values([
      { code: 'F01', name_zh: '新一代信息技术', name_en: 'IT' },
      { code: 'F02', name_zh: '生物医药', name_en: 'Biomedicine' },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const f01 = await db.selectFrom('fields').select('id').where('code', '=', 'F01').executeTakeFirstOrThrow();
  await db
    .insertInto('fields')
    .values([
      { code: 'F01.01', name_zh: '集成电路', name_en: 'ICs', parent_id: f01.id },
      { code: 'F01.02', name_zh: '人工智能', name_en: 'AI', parent_id: f01.id },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();

  let plan = await db.selectFrom('plans').select(['id']).where('year', '=', year).executeTakeFirst();
  plan ??= await db
    .insertInto('plans')
    .values({ year, title: `${year} 年度重点领域研发计划`, status: 'published', params: JSON.stringify(DEFAULT_PLAN_PARAMS) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const call = await db
    .insertInto('calls')
    .values({
      plan_id: plan.id,
      track: 'consortium',
      title_zh: `评审测试指南 ${tag}`,
      title_en: `Review test call ${tag}`,
      opens_at: `${year}-02-01T00:00:00+08:00`,
      closes_at: `${year}-04-30T17:30:00+08:00`,
      status: 'published',
      conditions: '[]',
      materials: '[]',
      criteria: JSON.stringify([
        { key: 'merit', zh: '创新性', en: 'Innovation', weight: 60 },
        { key: 'feasibility', zh: '可行性', en: 'Feasibility', weight: 40 },
      ]),
      checklist: '[]',
      published_at: new Date(`${year}-01-20T00:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Organisations: 8 applicants, the group's holding and middle company, members, a participant, expert units.
  const org = (name: string) => createOrg(db, { name: `${name}${tag}` });
  const applicants = [];
  for (let i = 0; i < 8; i++) applicants.push(await org(`申报单位${i}号`));
  const holding = await org('控股集团');
  const middle = await org('中间子公司');
  await db
    .insertInto('control_edges')
    .values([
      { parent_id: holding.id, child_id: middle.id, share_pct: '80' },
      { parent_id: middle.id, child_id: applicants[1]!.id, share_pct: '60' },
    ])
    .execute();
  const memberA = await org('联合体成员A');
  const participant = await org('参与单位');
  const units: string[] = [];
  for (let j = 0; j < 12; j++) units.push((await org(`专家单位${j}`)).id);

  // Two chains with work plans: A (applications 0–3, member memberA) and B (4–7).
  const workplans: string[] = [];
  for (const part of ['A', 'B']) {
    const chain = await db
      .insertInto('chains')
      .values({ code: `RV${part}${n}${tag.slice(-4)}`, name_zh: `评审链${part}${tag}`, name_en: `Review chain ${part}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('plan_chains').values({ plan_id: plan.id, chain_id: chain.id }).execute();
    const leader = await org(`链主${part}`);
    const wp = await db
      .insertInto('workplans')
      .values({ plan_id: plan.id, chain_id: chain.id, leader_org_id: leader.id, status: 'finalised', weak_points: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('consortium_members').values({ workplan_id: wp.id, org_id: leader.id, position: 'leader' }).execute();
    if (part === 'A')
      await db.insertInto('consortium_members').values({ workplan_id: wp.id, org_id: memberA.id, position: 'upstream' }).execute();
    workplans.push(wp.id);
  }

  const leaders = ['张明', '李强', '王芳', '赵磊', '孙丽', '周建华', '吴刚', '郑敏'];
  const applications: FixtureApplication[] = [];
  for (let i = 0; i < 8; i++) {
    const title = `${['芯片', '大模型', '传感器', '存储', '新药', '疫苗', '影像', '基因'][i]}关键技术研发 ${tag}`;
    const fieldCode = i < 4 ? (i % 2 === 0 ? 'F01.01' : 'F01.02') : 'F02';
    const row = await db
      .insertInto('applications')
      .values({
        call_id: call.id,
        track: 'consortium',
        org_id: applicants[i]!.id,
        workplan_id: workplans[i < 4 ? 0 : 1]!,
        in_plan: true,
        status: 'formal_passed',
        client_key: randomUUID(),
        kind: 'key_common',
        city_funds: 1_000_000 * (i + 1),
        self_funds: 1_000_000 * (i + 1),
        form: JSON.stringify(
          completeForm({
            title,
            fieldCode,
            direction: i < 4 ? '工业芯片与人工智能' : '生物医药',
            objectives: '研制关键产品并示范应用。',
            team: [{ name: leaders[i], role: 'leader', title: '教授', orgName: applicants[i]!.name, duty: '总体负责' }],
          }),
        ),
        submitted_at: new Date(Date.UTC(year, 2, 1, i)),
        submitted_version: 1,
        round: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    applications.push({ id: row.id, orgId: applicants[i]!.id, title, workplanId: workplans[i < 4 ? 0 : 1]! });
  }
  await db
    .insertInto('application_units')
    .values({ application_id: applications[2]!.id, org_id: participant.id, role: 'participant', position: 1 })
    .execute();

  // Experts: names unique per fixture so that national records match only the intended one.
  const expertOrg = [
    applicants[0]!.id, // E0 same_unit
    holding.id, // E1 same_group through a subsidiary of a subsidiary
    memberA.id, // E2 consortium member of work plan A
    participant.id, // E3 participating unit of app 2
    ...units.slice(4),
  ];
  const experts: FixtureExpert[] = [];
  for (let j = 0; j < 12; j++) {
    const name = `专家${String.fromCharCode(0x7532 + j)}${tag}`;
    const person = await db
      .insertInto('people')
      .values({
        key: `review-expert-${tag}-${j}`,
        name,
        email: null,
        title_level: 'senior',
        title_name: '教授',
        field_codes: j % 2 === 0 ? ['F01.01'] : j % 3 === 0 ? ['F02'] : ['F01'],
        keywords: j % 2 === 0 ? ['芯片'] : ['新药', '疫苗'],
        is_expert: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('affiliations')
      .values({ person_id: person.id, org_id: expertOrg[j]!, position: '研究员', from_date: '2018-01-01', to_date: null })
      .execute();
    const { client, userId } = await signIn(h, { roles: ['expert'], personId: person.id, name });
    experts.push({ personId: person.id, userId, name, orgId: expertOrg[j]!, client });
  }
  // E0 also worked at E4's unit long ago (a past affiliation): no conflict from it.
  await db
    .insertInto('affiliations')
    .values({ person_id: experts[0]!.personId, org_id: units[4]!, position: '工程师', from_date: '2010-01-01', to_date: '2015-12-31' })
    .execute();

  // National records.
  const unitName = async (id: string) =>
    (await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
  const project = async (
    nationalId: string,
    startYear: number,
    orgIds: string[],
    people: { name: string; unit: string; orgId: string | null }[],
  ) => {
    await db
      .insertInto('national_projects')
      .values({
        national_id: nationalId,
        title: `国家项目 ${nationalId}`,
        programme: '测试专项',
        start_date: `${startYear}-07-01`,
        lead_name: '牵头单位',
      })
      .execute();
    for (const [p, o] of orgIds.entries())
      await db
        .insertInto('national_units')
        .values({
          record_kind: 'project',
          national_id: nationalId,
          position: p,
          role: p === 0 ? 'lead' : 'participant',
          name: await unitName(o),
          name_norm: o,
          org_id: o,
        })
        .execute();
    for (const [p, x] of people.entries())
      await db
        .insertInto('national_people')
        .values({ record_kind: 'project', national_id: nationalId, position: p, name: x.name, unit_name: x.unit, org_id: x.orgId })
        .execute();
  };
  // E4 with app 4's applicant in plan year − 1.
  await project(
    `RVP${tag}-4`,
    year - 1,
    [applicants[4]!.id, units[4]!],
    [{ name: experts[4]!.name, unit: await unitName(units[4]!), orgId: null }],
  );
  // E6 with app 6's applicant in plan year − N − 1 (N = 3): outside the window.
  await project(
    `RVP${tag}-6`,
    year - 4,
    [applicants[6]!.id],
    [{ name: experts[6]!.name, unit: await unitName(units[6]!), orgId: units[6]! }],
  );
  // E5 with app 5's team leader (by name) in a national application of plan year − N.
  const naId = `RVA${tag}-5`;
  await db
    .insertInto('national_applications')
    .values({
      national_id: naId,
      year: year - 3,
      programme: '测试专项',
      direction: '生物医药',
      title: '国家申报 5',
      lead_name: '其他大学',
      stage: 'final_defence',
      outcome: 'approved',
    })
    .execute();
  await db
    .insertInto('national_people')
    .values([
      { record_kind: 'application', national_id: naId, position: 0, name: leaders[5]!, unit_name: '其他大学', org_id: null },
      {
        record_kind: 'application',
        national_id: naId,
        position: 1,
        name: experts[5]!.name,
        unit_name: await unitName(units[5]!),
        org_id: null,
      },
    ])
    .execute();

  const officer = (await signIn(h, { roles: ['officer'] })).client;
  const admin = (await signIn(h, { roles: ['admin'] })).client;
  const applicant = (await signIn(h, { roles: ['unit_admin'], orgId: applicants[0]!.id })).client;
  const applicant7 = (await signIn(h, { roles: ['unit_admin'], orgId: applicants[7]!.id })).client;
  const outsider = (await signIn(h, { roles: ['unit_admin'], orgId: units[11]! })).client;

  let reviewId: string | null = null;
  if (opts.createReview ?? true) {
    const created = await officer.post(`/api/calls/${call.id}/review`, opts.settings ? { settings: opts.settings } : {});
    expect(created.status).toBe(201);
    reviewId = created.body.id as string;
    await db
      .insertInto('review_declarations')
      .values({
        review_id: reviewId,
        application_id: applications[6]!.id,
        person_id: experts[7]!.personId,
        kind: 'conflict',
        reason: '曾指导该项目负责人',
      })
      .execute();
    const named = await applicant7.post(`/api/applications/${applications[7]!.id}/exclusions`, {
      personName: experts[8]!.name,
      unitName: await unitName(units[8]!),
      reason: '竞争关系',
    });
    expect(named.status).toBe(201);
  }

  const expectedConflicts = new Map<string, ConflictKind>([
    ['0|0', 'same_unit'],
    ['1|1', 'same_group'],
    ['0|2', 'consortium_member'],
    ['1|2', 'consortium_member'],
    ['2|2', 'consortium_member'],
    ['3|2', 'consortium_member'],
    ['2|3', 'participating_unit'],
    ['4|4', 'national_coparticipation'],
    ['5|5', 'national_coparticipation'],
  ]);
  if (reviewId) {
    expectedConflicts.set('6|7', 'declared');
    expectedConflicts.set('7|8', 'applicant_named');
  }
  return {
    planId: plan.id,
    planYear: year,
    callId: call.id,
    reviewId,
    officer,
    admin,
    applicant,
    applicantOrgId: applicants[0]!.id,
    applicant7,
    outsider,
    applications,
    experts,
    expectedConflicts,
  };
}
