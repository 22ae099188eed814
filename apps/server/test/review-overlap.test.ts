import type { OverlapFlagOut, OverlapListOut, Role } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { applicationText } from '../src/commands/review/overlap/flags.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { insertApplication, insertReview, insertSelectionPlan } from './support/review-selection.js';
import { completeForm, nationalApplication, nationalProject, seedFields } from './support/tracks.js';

const h = await startHarness();
const db = h.deps.db;

async function signIn(roles: Role[], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}

await seedFields(db);
const current = await insertSelectionPlan(db, { year: 2033, chainIds: [] });
const earlier = await insertSelectionPlan(db, { year: 2030, chainIds: [] });
const review = await insertReview(db, current.calls.backfill, 'scoring');

const ORIGINAL = {
  title: '基于柔性电子皮肤的手术机器人触觉反馈系统研发',
  objectives:
    '研制面向微创手术机器人的柔性电子皮肤触觉传感阵列，实现对组织硬度、滑移和夹持力的实时感知，并将触觉信息以力反馈方式传递给主刀医生，降低术中组织损伤风险。',
  content:
    '一是研究高灵敏度压阻与电容复合型柔性传感单元，解决弯曲形变下信号漂移问题；二是开发多通道低噪声读出电路和嵌入式解算算法，在两毫秒内完成触觉图像重建；三是建立器械末端与主手之间的双向力反馈通道，完成离体组织和动物实验验证，形成可注册检验的样机。',
};
// The same project re-submitted elsewhere, lightly edited (a swapped word, an inserted phrase).
const NEAR_COPY = {
  title: '基于柔性电子皮肤的手术机器人触觉反馈系统研发及应用',
  objectives:
    '研制面向微创手术机器人的柔性电子皮肤触觉传感阵列，实现对组织硬度、滑移以及夹持力的实时感知，并将触觉信息以力反馈方式传递给主刀医生，降低术中组织损伤风险。',
  content:
    '一是研究高灵敏度压阻与电容复合型柔性传感单元，重点解决弯曲形变下信号漂移问题；二是开发多通道低噪声读出电路和嵌入式解算算法，在两毫秒内完成触觉图像重建；三是建立器械末端与主手之间的双向力反馈通道，完成离体组织和动物实验验证。',
};
const NATIONAL_TITLE = '高镍三元正极材料单晶化制备与固态电解质界面稳定性协同调控关键技术研究';
const COPIES_NATIONAL = {
  title: '动力电池正极材料产业化攻关',
  objectives: '面向本地动力电池企业的量产需求，完成正极材料中试线建设和车规级验证。',
  content: `本项目在前期国家项目“${NATIONAL_TITLE}”的基础上，开展吨级中试放大，形成稳定的工艺包和质量控制体系。`,
};
const UNRELATED = {
  title: '城市内涝数字孪生预警平台',
  objectives: '整合雨量站、管网液位和视频数据，构建街区尺度的内涝数字孪生模型，提前三十分钟发布积水预警。',
  content: '研究多源数据同化方法和管网水力快速模拟算法，开发面向应急部门的预警发布与处置联动系统，在两个行政区开展示范。',
};

const orgs = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => createOrg(db, { name: `一题多报测试单位${i}` })));
const forms = {
  original: completeForm(ORIGINAL),
  nearCopy: completeForm(NEAR_COPY),
  copiesNational: completeForm(COPIES_NATIONAL),
  unrelated: completeForm(UNRELATED),
};
const original = await insertApplication(db, {
  callId: current.calls.backfill,
  track: 'backfill',
  orgId: orgs[0]!.id,
  cityFunds: 1_000_000,
  form: ORIGINAL,
});
const copiesNational = await insertApplication(db, {
  callId: current.calls.backfill,
  track: 'backfill',
  orgId: orgs[1]!.id,
  cityFunds: 1_000_000,
  form: COPIES_NATIONAL,
});
const unrelated = await insertApplication(db, {
  callId: current.calls.backfill,
  track: 'backfill',
  orgId: orgs[2]!.id,
  cityFunds: 1_000_000,
  form: UNRELATED,
});
// Elsewhere: the near-copy submitted to an earlier year's consortium call …
const nearCopy = await insertApplication(db, {
  callId: earlier.calls.consortium,
  track: 'consortium',
  orgId: orgs[3]!.id,
  cityFunds: 2_000_000,
  form: NEAR_COPY,
  status: 'submitted',
});
// … and a verbatim copy of the unrelated one that was never submitted (a draft is no evidence).
const draftCopy = await insertApplication(db, {
  callId: earlier.calls.backfill,
  track: 'backfill',
  orgId: orgs[4]!.id,
  cityFunds: 1_000_000,
  form: UNRELATED,
  status: 'draft',
});
// A backfill application re-submits its own national application: never flagged against it.
const ownNational = await nationalApplication(db, { leadOrgId: orgs[5]!.id });
await db
  .updateTable('national_applications')
  .set({ title: '面向工业场景的大模型推理芯片架构与编译工具链协同设计关键技术' })
  .where('id', '=', ownNational.id)
  .execute();
const resubmits = await insertApplication(db, {
  callId: current.calls.backfill,
  track: 'backfill',
  orgId: orgs[5]!.id,
  cityFunds: 1_000_000,
  nationalApplicationId: ownNational.id,
  form: {
    title: '面向工业场景的大模型推理芯片架构与编译工具链协同设计关键技术',
    objectives: '在国家项目未获立项的基础上，继续完成芯片架构设计与编译工具链开发。',
  },
});
// The copied national record, and unrelated ones.
const copied = await nationalApplication(db, { leadOrgId: null, year: 2024 });
await db.updateTable('national_applications').set({ title: NATIONAL_TITLE }).where('id', '=', copied.id).execute();
for (const t of ['海上风电大容量机组主轴承国产化研制', '新型抗肿瘤双特异性抗体药物临床前研究', '城市轨道交通全自动运行系统安全评估']) {
  const n = await nationalApplication(db, { leadOrgId: null });
  await db.updateTable('national_applications').set({ title: t }).where('id', '=', n.id).execute();
}
const project = await nationalProject(db);
await db
  .updateTable('national_projects')
  .set({ title: '超高性能碳纤维复合材料航空主承力结构设计制造一体化' })
  .where('id', '=', project.id)
  .execute();

const officer = await signIn(['officer']);
const admin = await signIn(['admin']);
const expert = await signIn(['expert']);
const applicant = await signIn(['unit_admin'], orgs[0]!.id);

const flagFor = (list: OverlapListOut, appId: string, otherId: string) =>
  list.items.find((f) => f.applicationId === appId && f.otherId === otherId);

describe('overlap flags (一题多报)', () => {
  let scan: OverlapListOut;

  it('finds a near-copy of another application, with passages at their offsets', async () => {
    const res = await officer.post<OverlapListOut>(`/api/reviews/${review.id}/overlaps/scan`);
    expect(res.status).toBe(200);
    scan = res.body;
    expect(scan.scannedAt).not.toBeNull();
    const flag = flagFor(scan, original.id, nearCopy.id)!;
    expect(flag).toBeDefined();
    expect(flag).toMatchObject({
      otherKind: 'application',
      applicationTitle: ORIGINAL.title,
      otherTitle: NEAR_COPY.title,
      status: 'open',
      note: '',
    });
    expect(flag.otherLabel).toContain('一题多报测试单位4');
    expect(flag.similarity).toBeGreaterThan(0.5);
    expect(flag.containment).toBeGreaterThan(0.7);
    expect(flag.passages.length).toBeGreaterThan(0);
    const mine = applicationText(forms.original);
    const theirs = applicationText(forms.nearCopy);
    for (const p of flag.passages) {
      expect(p.text).toBe(mine.slice(p.start, p.end));
      expect(p.otherText).toBe(theirs.slice(p.otherStart, p.otherEnd));
      expect(p.end - p.start).toBeGreaterThanOrEqual(20);
    }
    // the passages cover most of the copied objectives
    expect(flag.passages.some((p) => p.text.includes('柔性电子皮肤触觉传感阵列'))).toBe(true);
  });

  it('finds an application that copies a national record', async () => {
    const flag = flagFor(scan, copiesNational.id, copied.id)!;
    expect(flag).toBeDefined();
    expect(flag).toMatchObject({ otherKind: 'national', otherTitle: NATIONAL_TITLE, status: 'open' });
    expect(flag.otherLabel).toContain(copied.national_id);
    expect(flag.containment).toBeGreaterThan(0.9);
    expect(flag.passages.map((p) => p.otherText).join('')).toContain('单晶化制备与固态电解质界面稳定性');
    const mine = applicationText(forms.copiesNational);
    for (const p of flag.passages) expect(p.text).toBe(mine.slice(p.start, p.end));
  });

  it('does not flag an unrelated application, a draft, or a re-submitted own national record', async () => {
    expect(scan.items.filter((f) => f.applicationId === unrelated.id)).toEqual([]);
    expect(scan.items.filter((f) => f.otherId === draftCopy.id)).toEqual([]);
    expect(scan.items.filter((f) => f.applicationId === resubmits.id && f.otherId === ownNational.id)).toEqual([]);
    // only the two planted copies are found
    expect(scan.items.map((f) => `${f.applicationId}|${f.otherId}`).sort()).toEqual(
      [`${original.id}|${nearCopy.id}`, `${copiesNational.id}|${copied.id}`].sort(),
    );
    const rows = await db.selectFrom('overlap_flags').select('application_id').execute();
    expect(rows).toHaveLength(2);
  });

  it('an officer decides a flag with a note; the decision is audited and survives a re-scan', async () => {
    const flag = flagFor(scan, original.id, nearCopy.id)!;
    const noNote = await officer.patch(`/api/overlaps/${flag.id}`, { status: 'confirmed', note: '' });
    expect(noNote.status).toBe(400);
    const res = await officer.patch<OverlapFlagOut>(`/api/overlaps/${flag.id}`, {
      status: 'confirmed',
      note: '与2030年联合体申报实质相同',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: flag.id, status: 'confirmed', note: '与2030年联合体申报实质相同' });
    const event = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'overlap.decide')
      .where('entity_id', '=', flag.id)
      .execute();
    expect(event).toHaveLength(1);
    expect(event[0]!.reason).toBe('与2030年联合体申报实质相同');

    const again = await officer.post<OverlapListOut>(`/api/reviews/${review.id}/overlaps/scan`);
    expect(again.status).toBe(200);
    const kept = flagFor(again.body, original.id, nearCopy.id)!;
    expect(kept).toMatchObject({ id: flag.id, status: 'confirmed', note: '与2030年联合体申报实质相同' });
    expect(again.body.items).toHaveLength(2);
    expect(await db.selectFrom('audit_events').select('seq').where('action', '=', 'review.overlap_scan').execute()).toHaveLength(2);
    expect((await verifyAudit(db)).ok).toBe(true);

    const list = await admin.get<OverlapListOut>(`/api/reviews/${review.id}/overlaps`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((f) => f.id).sort()).toEqual(again.body.items.map((f) => f.id).sort());
    expect(list.body.scannedAt).toBe(again.body.scannedAt);
  });

  it('answers 404 for an unknown review or flag', async () => {
    const unknown = '00000000-0000-4000-8000-000000000002';
    expect((await officer.post(`/api/reviews/${unknown}/overlaps/scan`)).status).toBe(404);
    expect((await officer.get(`/api/reviews/${unknown}/overlaps`)).status).toBe(404);
    expect((await officer.patch(`/api/overlaps/${unknown}`, { status: 'dismissed', note: '不存在的标记' })).status).toBe(404);
  });

  it('keeps applicants and experts out; admins only read', async () => {
    const flagId = scan.items[0]!.id;
    for (const c of [expert, applicant]) {
      expect((await c.post(`/api/reviews/${review.id}/overlaps/scan`)).status).toBe(403);
      expect((await c.get(`/api/reviews/${review.id}/overlaps`)).status).toBe(403);
      expect((await c.patch(`/api/overlaps/${flagId}`, { status: 'dismissed', note: '越权操作' })).status).toBe(403);
    }
    expect((await admin.post(`/api/reviews/${review.id}/overlaps/scan`)).status).toBe(403);
    expect((await admin.patch(`/api/overlaps/${flagId}`, { status: 'dismissed', note: '越权操作' })).status).toBe(403);
  });

  it('stays fast at demo size: hundreds of applications and thousands of national records', async () => {
    // Random texts over a large character set: no two share a 5-character shingle by chance.
    let state = 12345;
    const rnd = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const text = (n: number) => Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(rnd() * 20000))).join('');
    const org = await createOrg(db, { name: '规模测试单位' });
    const apps = Array.from({ length: 300 }, () => ({
      call_id: earlier.calls.backfill,
      track: 'backfill' as const,
      org_id: org.id,
      status: 'submitted' as const,
      city_funds: 1_000_000,
      form: JSON.stringify(completeForm({ title: text(20), objectives: text(150), content: text(400) })),
      submitted_at: new Date('2030-04-01T00:00:00Z'),
    }));
    await db.insertInto('applications').values(apps).execute();
    const nationals = Array.from({ length: 3000 }, (_, i) => ({
      national_id: `SCALE${String(i).padStart(6, '0')}`,
      year: 2020 + (i % 5),
      programme: '规模测试',
      direction: '规模测试方向',
      title: text(30),
      lead_name: '规模测试牵头单位',
      stage: 'final_defence' as const,
      outcome: 'approved' as const,
    }));
    for (let i = 0; i < nationals.length; i += 500)
      await db
        .insertInto('national_applications')
        .values(nationals.slice(i, i + 500))
        .execute();
    // How fast: `npm run bench -- overlap` (durations belong in bench/, not in tests).
    const res = await officer.post<OverlapListOut>(`/api/reviews/${review.id}/overlaps/scan`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
  });
});
