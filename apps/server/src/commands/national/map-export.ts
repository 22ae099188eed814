import { regionLabel } from '@rdplan/domain';
import ExcelJS from 'exceljs';
import type { AttractionResult, BackfillCandidate, MapNetwork, MapSummary } from '../../repositories/national-map.js';

export type MapView = 'summary' | 'network' | 'attraction' | 'backfill';
type Lang = 'zh' | 'en';

/** [key, Chinese header, English header, width] */
type Col = readonly [string, string, string, number?];

function addSheet(wb: ExcelJS.Workbook, name: string, cols: readonly Col[], rows: readonly object[], lang: Lang) {
  const ws = wb.addWorksheet(name);
  ws.columns = cols.map(([key, zh, en, width]) => ({ key, header: lang === 'zh' ? zh : en, width: width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r);
}

const COUNT_COLS: readonly Col[] = [
  ['applications', '申报数', 'Applications'],
  ['projects', '立项数', 'Projects'],
  ['approved', '获批申报', 'Approved applications'],
  ['budget', '项目经费（元）', 'Project budget (yuan)', 18],
];

const UNIT_COLS: readonly Col[] = [
  ['name', '单位名称', 'Unit', 36],
  ['uscc', '统一社会信用代码', 'Credit code', 22],
  ['region', '地区', 'Region', 26],
  ['orgType', '单位类型', 'Type'],
];

const region = (code: string | null, lang: Lang) => (code ? regionLabel(code, lang) : '');

const sheetNames = {
  zh: {
    field: '按领域',
    chain: '按产业链',
    region: '按地区',
    year: '按年度',
    units: '重点单位',
    nodes: '单位',
    edges: '合作关系',
    attraction: '招引候选',
    evidence: '评分依据',
    backfill: '递补候选',
  },
  en: {
    field: 'By field',
    chain: 'By chain',
    region: 'By region',
    year: 'By year',
    units: 'Top units',
    nodes: 'Units',
    edges: 'Collaborations',
    attraction: 'Attraction candidates',
    evidence: 'Evidence',
    backfill: 'Backfill candidates',
  },
} as const;

export async function summaryWorkbook(s: MapSummary, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const n = sheetNames[lang];
  addSheet(
    wb,
    n.field,
    [['code', '领域代码', 'Field code'], ['name', '领域', 'Field', 30], ...COUNT_COLS],
    s.byField.map((f) => ({ ...f, name: lang === 'zh' ? f.nameZh : f.nameEn })),
    lang,
  );
  addSheet(
    wb,
    n.chain,
    [['code', '产业链代码', 'Chain code'], ['name', '产业链', 'Chain', 30], ...COUNT_COLS],
    s.byChain.map((c) => ({ ...c, name: lang === 'zh' ? c.nameZh : c.nameEn })),
    lang,
  );
  addSheet(
    wb,
    n.region,
    [
      ['code', '地区代码', 'Region code'],
      ['label', '地区', 'Region', 30],
      ['leads', '牵头次数', 'Leads'],
      ['participations', '参与次数', 'Participations'],
      ['units', '单位数', 'Units'],
    ],
    s.byRegion.map((r) => ({ ...r, label: lang === 'zh' ? r.labelZh : r.labelEn })),
    lang,
  );
  addSheet(wb, n.year, [['year', '年度', 'Year'], ...COUNT_COLS], s.byYear, lang);
  addSheet(
    wb,
    n.units,
    [
      ...UNIT_COLS,
      ['leads', '牵头次数', 'Leads'],
      ['participations', '参与次数', 'Participations'],
      ['approved', '获批申报', 'Approved applications'],
      ['budget', '牵头项目经费（元）', 'Budget of projects led (yuan)', 20],
    ],
    s.topUnits.map((u) => ({ ...u, region: region(u.regionCode, lang) })),
    lang,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function networkWorkbook(net: MapNetwork, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const n = sheetNames[lang];
  const names = new Map(net.nodes.map((x) => [x.key, x.name]));
  addSheet(
    wb,
    n.nodes,
    [
      ['name', '单位名称', 'Unit', 36],
      ['region', '地区', 'Region', 26],
      ['orgType', '单位类型', 'Type'],
      ['records', '记录数', 'Records'],
      ['leads', '牵头次数', 'Leads'],
    ],
    net.nodes.map((x) => ({ ...x, region: region(x.regionCode, lang) })),
    lang,
  );
  addSheet(
    wb,
    n.edges,
    [
      ['source', '单位甲', 'Unit A', 36],
      ['target', '单位乙', 'Unit B', 36],
      ['weight', '共同记录数', 'Shared records'],
    ],
    net.edges.map((e) => ({ source: names.get(e.source) ?? e.source, target: names.get(e.target) ?? e.target, weight: e.weight })),
    lang,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function attractionWorkbook(a: AttractionResult, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const n = sheetNames[lang];
  addSheet(
    wb,
    n.attraction,
    [
      ['rank', '排名', 'Rank', 8],
      ...UNIT_COLS,
      ['score', '评分', 'Score'],
      ['projectsLed', '牵头项目', 'Projects led'],
      ['projectsJoined', '参与项目', 'Projects joined'],
      ['applicationsLed', '牵头申报', 'Applications led'],
      ['applicationsJoined', '参与申报', 'Applications joined'],
      ['approved', '获批申报', 'Approved'],
      ['budgetLed', '牵头项目经费（元）', 'Budget led (yuan)', 18],
      ['keyPeople', '骨干人员', 'Key people'],
      ['lastYear', '最近年度', 'Latest year'],
      ['people', '骨干人员名单', 'Key people (names)', 40],
    ],
    a.candidates.map((c) => ({ ...c, region: region(c.regionCode, lang), people: c.people.join('、') })),
    lang,
  );
  addSheet(
    wb,
    n.evidence,
    [
      ['rank', '排名', 'Rank', 8],
      ['unit', '单位名称', 'Unit', 36],
      ['kind', '类别', 'Kind'],
      ['nationalId', '编号', 'National id', 18],
      ['year', '年度', 'Year', 8],
      ['title', '项目名称', 'Title', 40],
      ['fieldCode', '领域', 'Field'],
      ['role', '角色', 'Role'],
      ['outcome', '结果', 'Outcome'],
      ['budget', '经费（元）', 'Budget (yuan)', 16],
      ['points', '得分', 'Points', 8],
    ],
    a.candidates.flatMap((c) => c.evidence.map((e) => ({ ...e, rank: c.rank, unit: c.name }))),
    lang,
  );
  const notes = wb.addWorksheet(lang === 'zh' ? '评分说明' : 'Score');
  notes.addRow([lang === 'zh' ? '评分公式' : 'Formula', a.formula]);
  notes.addRow([lang === 'zh' ? '参考年度' : 'Reference year', a.refYear]);
  notes.addRow([lang === 'zh' ? '领域' : 'Fields', a.fieldCodes.join(', ')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function backfillWorkbook(b: { year: number; candidates: BackfillCandidate[] }, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addSheet(
    wb,
    sheetNames[lang].backfill,
    [
      ...UNIT_COLS,
      ['nationalId', '申报编号', 'National id', 18],
      ['year', '年度', 'Year', 8],
      ['programme', '重点专项', 'Programme', 30],
      ['direction', '指南方向', 'Direction', 30],
      ['fieldCode', '领域', 'Field'],
      ['title', '项目名称', 'Title', 40],
    ],
    b.candidates.flatMap((c) => c.records.map((r) => ({ ...c, ...r, region: region(c.regionCode, lang) }))),
    lang,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
