import ExcelJS from 'exceljs';
import { makeUscc } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { refreshMapFacts } from '../src/commands/national/map-facts.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { seedMapTaxonomy } from './support/map.js';

const h = await startHarness();
const db = h.deps.db;
// The harness clock reads 2026-03-02 (Asia/Shanghai): recency reference 2026, default backfill year 2025.

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}

await seedMapTaxonomy(db, ['F02.01']);

const gzA = await createOrg(db, { name: '广州甲科技有限公司', type: 'enterprise', regionCode: '440106' });
const gzB = await createOrg(db, { name: '广州乙医院', type: 'medical_institution', regionCode: '440105' });
const gzC = await createOrg(db, { name: '广州丙大学', type: 'university', regionCode: '440106' });
const bj = await createOrg(db, { name: '北方某大学', type: 'university', regionCode: '110108' });
const sz = await createOrg(db, { name: '深圳丁科技有限公司', type: 'enterprise', regionCode: '440305' });
// A Shanghai institute that is not in the registry: known by its credit code only.
const SH_USCC = makeUscc('1', '2', '310104', 'MA1HX001');
const SH_KEY = `uscc:${SH_USCC}`;

type U = { org?: { id: string; uscc: string; name: string; region_code: string; type: string }; sh?: true };
const SH: U = { sh: true };
const u = (org: U['org']): U => ({ org });

async function units(kind: 'application' | 'project', nationalId: string, list: U[]) {
  await db
    .insertInto('national_units')
    .values(
      list.map((x, position) => ({
        record_kind: kind,
        national_id: nationalId,
        position,
        role: position === 0 ? ('lead' as const) : ('participant' as const),
        uscc: x.sh ? SH_USCC : x.org!.uscc,
        name: x.sh ? '上海某研究所' : x.org!.name,
        name_norm: x.sh ? '上海某研究所' : x.org!.name,
        org_type: x.sh ? ('research_institute' as const) : null,
        // Matched units take their region from the registry; the unmatched one carries its own.
        region_code: x.sh ? '310104' : null,
        org_id: x.sh ? null : x.org!.id,
        match_status: x.sh ? ('unmatched' as const) : ('matched' as const),
      })),
    )
    .execute();
}

async function application(
  id: string,
  year: number,
  field: string | null,
  stage: 'formal_check' | 'first_round' | 'final_defence',
  outcome: 'pending' | 'approved' | 'not_approved',
  list: U[],
) {
  const lead = list[0]!;
  await db
    .insertInto('national_applications')
    .values({
      national_id: id,
      year,
      programme: '"智能机器人"重点专项',
      direction: `方向${id}`,
      field_code: field,
      title: `申报${id}`,
      lead_uscc: lead.sh ? SH_USCC : lead.org!.uscc,
      lead_name: lead.sh ? '上海某研究所' : lead.org!.name,
      lead_org_id: lead.sh ? null : lead.org!.id,
      leader_name: null,
      stage,
      outcome,
    })
    .execute();
  await units('application', id, list);
}

async function project(id: string, start: string, field: string | null, budget: { central: number; self: number }, list: U[]) {
  const lead = list[0]!;
  await db
    .insertInto('national_projects')
    .values({
      national_id: id,
      title: `项目${id}`,
      programme: '"智能机器人"重点专项',
      field_code: field,
      start_date: start,
      end_date: '2027-12-31',
      budget: JSON.stringify({ ...budget, local: 0 }),
      lead_uscc: lead.sh ? SH_USCC : lead.org!.uscc,
      lead_name: lead.sh ? '上海某研究所' : lead.org!.name,
      lead_type: lead.sh ? 'research_institute' : (lead.org!.type as 'university'),
      lead_region_code: lead.sh ? '310104' : lead.org!.region_code,
      lead_org_id: lead.sh ? null : lead.org!.id,
    })
    .execute();
  await units('project', id, list);
}

await application('A1', 2025, 'F01.01', 'final_defence', 'not_approved', [u(gzA), u(bj)]);
await application('A2', 2025, 'F02.01', 'final_defence', 'not_approved', [u(gzB), SH]);
await application('A3', 2025, 'F01', 'final_defence', 'not_approved', [u(gzC)]);
await application('A4', 2024, 'F01.01', 'final_defence', 'not_approved', [u(gzA)]);
await application('A5', 2025, 'F01.01', 'final_defence', 'approved', [u(bj), u(gzA)]);
await application('A6', 2025, 'F01.01', 'first_round', 'not_approved', [u(sz)]);
await application('A7', 2023, 'F03', 'first_round', 'not_approved', [SH]);
await project('P1', '2025-01-01', 'F01.01', { central: 10_000_000, self: 5_000_000 }, [u(bj), u(gzA), SH]);
await project('P2', '2022-07-01', 'F01', { central: 20_000_000, self: 0 }, [SH, u(bj)]);
await project('P3', '2024-01-01', 'F03', { central: 8_000_000, self: 0 }, [u(bj)]);
await db
  .insertInto('national_people')
  .values([
    {
      record_kind: 'project',
      national_id: 'P1',
      position: 0,
      name: '王立新',
      role: '项目负责人',
      unit_name: bj.name,
      org_id: bj.id,
      person_key: 'p-wang',
    },
    {
      record_kind: 'project',
      national_id: 'P1',
      position: 1,
      name: '李华',
      role: '课题负责人',
      unit_name: '上海某研究所',
      person_key: 'p-li',
    },
    {
      record_kind: 'project',
      national_id: 'P2',
      position: 0,
      name: '王立新',
      role: '课题负责人',
      unit_name: bj.name,
      org_id: bj.id,
      person_key: 'p-wang',
    },
  ])
  .execute();
// The records were written directly (not through the import): rebuild the map's stored facts, as the import does.
await refreshMapFacts(db);

const analyst = await signIn(['analyst']);
const officer = await signIn(['officer']);
const unitAdmin = await signIn(['unit_admin'], gzA.id);

describe('map summary', () => {
  it('counts records by field, chain and year, units by region, and ranks the top units', async () => {
    const res = await analyst.get('/api/national/map/summary');
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.totals).toEqual({ applications: 7, projects: 3, approved: 1, budget: 43_000_000, units: 6 });
    expect(s.byField.map((f: { code: string; applications: number; projects: number }) => [f.code, f.applications, f.projects])).toEqual([
      ['F01', 5, 2],
      ['F02', 1, 0],
      ['F03', 1, 1],
    ]);
    expect(s.byField[0]).toMatchObject({ nameZh: '领域F01', approved: 1, budget: 35_000_000 });
    expect(s.byChain).toEqual([
      expect.objectContaining({ code: 'M01', applications: 5, projects: 2, approved: 1, budget: 35_000_000 }),
      expect.objectContaining({ code: 'M02', applications: 1, projects: 0 }),
    ]);
    expect(s.byYear.map((y: { year: number; applications: number; projects: number }) => [y.year, y.applications, y.projects])).toEqual([
      [2022, 0, 1],
      [2023, 1, 0],
      [2024, 1, 1],
      [2025, 5, 1],
    ]);
    const region = Object.fromEntries(
      s.byRegion.map((r: { code: string; leads: number; participations: number; units: number }) => [
        r.code,
        [r.leads, r.participations, r.units],
      ]),
    );
    expect(region).toEqual({
      '110000': [3, 2, 1],
      '440106': [3, 2, 2],
      '440105': [1, 0, 1],
      '310000': [2, 2, 1],
      '440000': [1, 0, 1],
    });
    expect(s.byRegion.find((r: { code: string }) => r.code === '440106')).toMatchObject({
      isGuangzhou: true,
      labelZh: '广东省广州市天河区',
    });
    expect(s.topUnits[0]).toMatchObject({ orgId: bj.id, name: '北方某大学', leads: 3, participations: 2, approved: 1, budget: 23_000_000 });
    expect(s.topUnits.find((x: { key: string }) => x.key === SH_KEY)).toMatchObject({
      orgId: null,
      regionCode: '310104',
      orgType: 'research_institute',
      leads: 2,
      participations: 2,
      isGuangzhou: false,
    });
    expect(s.options.chains.map((c: { code: string }) => c.code)).toEqual(['M01', 'M02']);
  });

  it('filters by field, chain, region, years and kind', async () => {
    const byField = (await analyst.get('/api/national/map/summary?field=F01.01')).body;
    expect(byField.totals).toMatchObject({ applications: 4, projects: 1 });
    expect(byField.byField.map((f: { code: string }) => f.code)).toEqual(['F01.01']);
    const byChain = (await analyst.get('/api/national/map/summary?chain=M02')).body;
    expect(byChain.totals).toMatchObject({ applications: 1, projects: 0 });
    const gz = (await analyst.get('/api/national/map/summary?region=440100')).body;
    expect(gz.totals).toMatchObject({ applications: 5, projects: 1 });
    expect(gz.topUnits.every((x: { isGuangzhou: boolean }) => x.isGuangzhou)).toBe(true);
    expect(gz.topUnits.map((x: { name: string }) => x.name).sort()).toEqual(['广州丙大学', '广州乙医院', '广州甲科技有限公司'].sort());
    const years = (await analyst.get('/api/national/map/summary?yearFrom=2024&yearTo=2024&kind=project')).body;
    expect(years.totals).toMatchObject({ applications: 0, projects: 1, budget: 8_000_000 });
    expect((await analyst.get('/api/national/map/summary?region=4401')).status).toBe(400);
  });
});

describe('collaboration network', () => {
  it('weights unit pairs by shared records and keeps the heaviest', async () => {
    const all = (await analyst.get('/api/national/map/network')).body;
    expect(all.totalEdges).toBe(4);
    const top = (await analyst.get('/api/national/map/network?edges=2')).body;
    expect(top.totalEdges).toBe(4);
    const name = new Map(top.nodes.map((n: { key: string; name: string }) => [n.key, n.name]));
    expect(
      top.edges.map((e: { source: string; target: string; weight: number }) => [[name.get(e.source), name.get(e.target)].sort(), e.weight]),
    ).toEqual([
      [['北方某大学', '广州甲科技有限公司'].sort(), 3],
      [['上海某研究所', '北方某大学'].sort(), 2],
    ]);
    expect(top.nodes).toHaveLength(3);
    expect(top.nodes[0]).toMatchObject({ name: '北方某大学', records: 5, leads: 3 });
  });
});

describe('stored facts', () => {
  it('gives the same map after a partial refresh of some records as after a full one', async () => {
    const before = [(await analyst.get('/api/national/map/summary')).body, (await analyst.get('/api/national/map/network')).body];
    await refreshMapFacts(db, {
      records: [
        { kind: 'project', nationalId: 'P1' },
        { kind: 'application', nationalId: 'A5' },
      ],
    });
    const after = [(await analyst.get('/api/national/map/summary')).body, (await analyst.get('/api/national/map/network')).body];
    expect(after).toEqual(before);
    const weights = await db.selectFrom('national_map_pairs').select(['a', 'b', 'gw']).execute();
    for (const p of weights) expect(p.gw).toBe(weights.filter((q) => q.a === p.a && q.b === p.b).length);
  });
});

describe('attraction candidates', () => {
  it('ranks units outside Guangzhou in the chains’ fields by the documented score, with the evidence', async () => {
    const res = await analyst.get('/api/national/map/attraction');
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.refYear).toBe(2026);
    expect(a.fieldCodes).toEqual(['F01', 'F02.01']);
    expect(a.candidates.map((c: { name: string }) => c.name)).toEqual(['北方某大学', '上海某研究所', '深圳丁科技有限公司']);
    const [first, second, third] = a.candidates;
    // 北方某大学: A1 part. (1 + 0.5)·0.8 + A5 lead approved (2 + 2)·0.8 + P1 lead 5·0.8 + P2 part. 2·0.8⁴
    //            + 2·ln(1 + (15 + 20/2)) + 1 key person
    const bjScore = 1.5 * 0.8 + 4 * 0.8 + 5 * 0.8 + 2 * 0.8 ** 4 + 2 * Math.log(1 + 25) + 1;
    expect(first.score).toBeCloseTo(bjScore, 2);
    expect(first).toMatchObject({
      rank: 1,
      orgId: bj.id,
      projectsLed: 1,
      projectsJoined: 1,
      applicationsLed: 1,
      applicationsJoined: 1,
      approved: 1,
      finalDefence: 1,
      budgetLed: 15_000_000,
      budgetJoined: 20_000_000,
      keyPeople: 1,
      lastYear: 2025,
      people: ['王立新（项目负责人）'],
    });
    expect(first.evidence.map((e: { nationalId: string; points: number }) => [e.nationalId, e.points])).toEqual([
      ['P1', 5],
      ['A5', 4],
      ['A1', 1.5],
      ['P2', 2],
    ]);
    expect(first.evidence[0]).toMatchObject({ kind: 'project', role: 'lead', budget: 15_000_000, year: 2025, fieldCode: 'F01.01' });
    // 上海某研究所 (not in the registry): A2 part. 1.5·0.8 + P1 part. 2·0.8 + P2 lead 5·0.8⁴ + 2·ln(1 + 20 + 15/2)
    expect(second.score).toBeCloseTo(1.5 * 0.8 + 2 * 0.8 + 5 * 0.8 ** 4 + 2 * Math.log(1 + 27.5), 2);
    expect(second).toMatchObject({ key: SH_KEY, orgId: null, keyPeople: 0, regionCode: '310104' });
    expect(second.evidence.map((e: { nationalId: string }) => e.nationalId).sort()).toEqual(['A2', 'P1', 'P2']);
    // Shenzhen is in Guangdong but outside Guangzhou.
    expect(third).toMatchObject({ regionCode: '440305', score: 1.6, evidence: [expect.objectContaining({ nationalId: 'A6' })] });
    // No Guangzhou unit is a candidate; A7 / P3 (F03) are outside the chains' fields.
    expect(a.candidates.some((c: { isGuangzhou: boolean }) => c.isGuangzhou)).toBe(false);
    expect(a.candidates.flatMap((c: { evidence: { nationalId: string }[] }) => c.evidence.map((e) => e.nationalId))).not.toContain('A7');
  });

  it('narrows to one chain or field', async () => {
    const c = (await analyst.get('/api/national/map/attraction?chain=M02')).body;
    expect(c.fieldCodes).toEqual(['F02.01']);
    expect(c.candidates.map((x: { key: string; score: number }) => [x.key, x.score])).toEqual([[SH_KEY, 1.2]]);
    const f = (await analyst.get('/api/national/map/attraction?field=F03')).body;
    expect(f.candidates.map((x: { name: string }) => x.name)).toEqual(['北方某大学', '上海某研究所']);
    const none = (await analyst.get('/api/national/map/attraction?chain=NOPE')).body;
    expect(none.candidates).toEqual([]);
  });
});

describe('backfill candidates', () => {
  it('lists Guangzhou first applicants that reached the final defence without approval, previous year by default', async () => {
    const res = await officer.get('/api/national/map/backfill-candidates');
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2025);
    const byName = Object.fromEntries(
      res.body.candidates.map((c: { name: string; eligibleType: boolean; records: { nationalId: string }[] }) => [
        c.name,
        [c.eligibleType, c.records.map((r) => r.nationalId)],
      ]),
    );
    expect(byName).toEqual({ 广州甲科技有限公司: [true, ['A1']], 广州乙医院: [true, ['A2']], 广州丙大学: [false, ['A3']] });
    const y2024 = (await officer.get('/api/national/map/backfill-candidates?year=2024')).body;
    expect(y2024.candidates).toEqual([
      expect.objectContaining({
        orgId: gzA.id,
        regionCode: '440106',
        orgType: 'enterprise',
        records: [expect.objectContaining({ nationalId: 'A4', fieldCode: 'F01.01' })],
      }),
    ]);
    const chain = (await officer.get('/api/national/map/backfill-candidates?year=2025&chain=M02')).body;
    expect(chain.candidates.map((c: { name: string }) => c.name)).toEqual(['广州乙医院']);
  });
});

describe('xlsx export', () => {
  async function download(url: string, lang = 'zh-CN') {
    const res = await h.app.inject({ method: 'GET', url, headers: { cookie: '', 'accept-language': lang } });
    return res;
  }
  it('exports each view as a workbook with the same tables', async () => {
    const raw = await analyst.request('GET', '/api/national/map/export.xlsx?view=attraction');
    expect(raw.status).toBe(200);
    expect(String(raw.headers['content-type'])).toContain('spreadsheetml');
    // Read back through app.inject to get the raw bytes.
    const cookie = (analyst as unknown as { cookieHeader(): string }).cookieHeader();
    const bytes = await h.app.inject({ method: 'GET', url: '/api/national/map/export.xlsx?view=attraction', headers: { cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.rawPayload as never);
    const ws = wb.getWorksheet('招引候选')!;
    expect(ws.getRow(1).getCell(1).value).toBe('排名');
    expect(ws.getRow(2).getCell(2).value).toBe('北方某大学');
    const ev = wb.getWorksheet('评分依据')!;
    expect(ev.rowCount).toBe(1 + 4 + 3 + 1);
    expect(ev.getRow(2).getCell(4).value).toBe('P1');

    const sum = new ExcelJS.Workbook();
    await sum.xlsx.load(
      (
        await h.app.inject({
          method: 'GET',
          url: '/api/national/map/export.xlsx?view=summary&region=440100',
          headers: { cookie, 'accept-language': 'en' },
        })
      ).rawPayload as never,
    );
    expect(sum.worksheets.map((w) => w.name)).toEqual(['By field', 'By chain', 'By region', 'By year', 'Top units']);
    expect(sum.getWorksheet('By field')!.getRow(1).values).toEqual([
      undefined,
      'Field code',
      'Field',
      'Applications',
      'Projects',
      'Approved applications',
      'Project budget (yuan)',
    ]);

    const back = new ExcelJS.Workbook();
    await back.xlsx.load(
      (await h.app.inject({ method: 'GET', url: '/api/national/map/export.xlsx?view=backfill&year=2025', headers: { cookie } }))
        .rawPayload as never,
    );
    const bs = back.getWorksheet('递补候选')!;
    expect(bs.rowCount).toBe(4);
    const ids: unknown[] = [];
    bs.eachRow((row, n) => n > 1 && ids.push(row.getCell(5).value));
    expect(ids.sort()).toEqual(['A1', 'A2', 'A3']);

    const net = new ExcelJS.Workbook();
    await net.xlsx.load(
      (await h.app.inject({ method: 'GET', url: '/api/national/map/export.xlsx?view=network&edges=2', headers: { cookie } }))
        .rawPayload as never,
    );
    expect(net.getWorksheet('合作关系')!.getRow(2).getCell(3).value).toBe(3);

    expect((await download('/api/national/map/export.xlsx?view=summary')).statusCode).toBe(401);
    expect((await analyst.get('/api/national/map/export.xlsx?view=nope')).status).toBe(400);
  });
});

describe('access', () => {
  it('is for analysts, officers and administrators only', async () => {
    for (const url of [
      '/api/national/map/summary',
      '/api/national/map/network',
      '/api/national/map/attraction',
      '/api/national/map/backfill-candidates',
      '/api/national/map/export.xlsx?view=summary',
    ]) {
      expect((await unitAdmin.get(url)).status).toBe(403);
      expect((await officer.get(url)).status).toBe(200);
    }
  });
});
