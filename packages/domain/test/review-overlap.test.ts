import { describe, expect, it } from 'vitest';
import { buildOverlapIndex, findOverlaps, normaliseOverlapText, overlapPassages, type OverlapDoc } from '@rdplan/domain';

const A =
  '针对钙钛矿薄膜在光伏组件中存在的稳定性差、制备成本高等问题，本项目拟开展界面调控与可控合成研究。' +
  '重点突破大面积涂布、缺陷钝化和封装老化等关键技术，阐明湿热条件下薄膜分解的影响机制。' +
  '项目实施后，组件转换效率提升至百分之二十三以上，连续运行寿命超过三千小时。';
const B =
  '面向海上风电机组的状态监测需求，研究基于多传感器融合的叶片损伤识别方法，建立风机健康评估体系。' +
  '研制在线监测终端五套，在阳江海上风电场开展示范应用，故障预警准确率达到百分之九十。';
const C =
  '城市内涝是超大城市治理的难题，本课题利用遥感影像与管网模型耦合，构建暴雨积水的分钟级预报系统，' +
  '在天河区和黄埔区完成业务化运行，预报提前量不少于两小时。';
const D =
  '本项目面向粤港澳大湾区跨境冷链物流，研发基于区块链的食品溯源平台与智能温控集装箱，' +
  '实现从产地到餐桌的全程温度追溯，损耗率降低百分之十五，在南沙港开展示范。';
const PARAGRAPH = '重点突破大面积涂布、缺陷钝化和封装老化等关键技术，阐明湿热条件下薄膜分解的影响机制。';
const NEW_TEXT =
  '本项目聚焦新一代柔性光伏器件的产业化，联合珠三角装备企业开发卷对卷印刷产线。' +
  PARAGRAPH +
  '预计建成年产十万平方米的示范线，带动上下游企业协同发展。';

const docs = (extra: OverlapDoc[]): OverlapDoc[] => [
  { id: 'n1', kind: 'national', year: 2021, text: A },
  { id: 'n2', kind: 'national', year: 2022, text: B },
  { id: 'n3', kind: 'national', year: 2020, text: C },
  ...extra,
];

describe('normaliseOverlapText', () => {
  it('folds full-width to half-width, drops punctuation and spaces, keeps offsets', () => {
    const n = normaliseOverlapText('ＡＢＣ　１２３，钙钛矿 (薄膜)。');
    expect(n.text).toBe('abc123钙钛矿薄膜');
    expect([...n.offsets]).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10, 13, 14]);
  });
});

describe('findOverlaps', () => {
  it('flags an identical text against a national record with one whole passage', () => {
    const index = buildOverlapIndex(docs([{ id: 'a1', kind: 'application', year: 2025, track: 'T1', text: A }]));
    const found = findOverlaps(index);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ a: 'a1', b: 'n1', aKind: 'application', bKind: 'national', similarity: 1, containment: 1 });
    expect(found[0]!.passages).toHaveLength(1);
    expect(found[0]!.passages[0]).toMatchObject({ aStart: 0, bStart: 0, aEnd: A.length - 1, bEnd: A.length - 1 });
  });

  it('finds a copied paragraph inside a new text, with the right offsets on both sides', () => {
    const index = buildOverlapIndex(docs([{ id: 'a2', kind: 'application', year: 2025, text: NEW_TEXT }]));
    const found = findOverlaps(index);
    expect(found.map((p) => [p.a, p.b])).toEqual([['a2', 'n1']]);
    const p = found[0]!.passages;
    expect(p).toHaveLength(1);
    const start = NEW_TEXT.indexOf(PARAGRAPH);
    const end = start + PARAGRAPH.length - 1; // the closing 。 is punctuation, not part of the match
    expect(p[0]).toMatchObject({
      aStart: start,
      aEnd: end,
      bStart: A.indexOf(PARAGRAPH),
      bEnd: A.indexOf(PARAGRAPH) + PARAGRAPH.length - 1,
    });
    expect(p[0]!.text).toBe(PARAGRAPH.slice(0, -1));
    expect(found[0]!.similarity).toBeLessThan(0.5);
  });

  it('bridges synonym swaps and inserted words inside one passage', () => {
    const edited = A.replace('研究', '研发').replace('关键技术', '核心技术').replace('项目实施后', '项目顺利实施后');
    const passages = overlapPassages(edited, A);
    expect(passages.length).toBeGreaterThanOrEqual(1);
    expect(passages.reduce((t, p) => t + p.matched, 0)).toBeGreaterThan(100);
  });

  it('treats full-width and half-width forms as the same text', () => {
    const half = 'Project ABC-2025: 研制100kW级固态电池储能变流器, 能量转换效率达到98.5%以上, 支持V2G双向充放电与虚拟电厂调度。';
    const full =
      'Ｐｒｏｊｅｃｔ　ＡＢＣ－２０２５：研制１００ｋＷ级固态电池储能变流器，能量转换效率达到９８．５％以上，支持Ｖ２Ｇ双向充放电与虚拟电厂调度。';
    const index = buildOverlapIndex([
      { id: 'x', kind: 'application', year: 2024, text: half },
      { id: 'y', kind: 'application', year: 2025, track: 'T2', text: full },
      { id: 'n2', kind: 'national', year: 2022, text: B },
    ]);
    const found = findOverlaps(index);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ a: 'x', b: 'y', similarity: 1 });
    expect(found[0]!.passages[0]!.bStart).toBe(0);
    expect(found[0]!.passages[0]!.bEnd).toBe(full.length - 1);
  });

  it('does not flag unrelated texts', () => {
    const index = buildOverlapIndex(docs([{ id: 'a3', kind: 'application', year: 2025, text: D }]));
    expect(findOverlaps(index)).toEqual([]);
    const unrelated = buildOverlapIndex([
      { id: 'a', kind: 'application', year: 2025, text: A },
      { id: 'b', kind: 'application', year: 2025, text: B },
      { id: 'c', kind: 'national', year: 2025, text: C },
    ]);
    expect(findOverlaps(unrelated)).toEqual([]);
  });

  it('leaves national–national pairs out unless asked', () => {
    const index = buildOverlapIndex(docs([{ id: 'n4', kind: 'national', year: 2023, text: A }]));
    expect(findOverlaps(index)).toEqual([]);
    expect(findOverlaps(index, { includeNationalPairs: true }).map((p) => [p.a, p.b])).toEqual([['n1', 'n4']]);
  });

  it('is deterministic', () => {
    const input = docs([
      { id: 'a1', kind: 'application', year: 2025, text: A },
      { id: 'a2', kind: 'application', year: 2025, text: NEW_TEXT },
    ]);
    const one = findOverlaps(buildOverlapIndex(input));
    const two = findOverlaps(buildOverlapIndex(input));
    expect(two).toEqual(one);
    expect(one.map((p) => `${p.a}|${p.b}`)).toEqual(['a1|n1', 'a1|a2', 'a2|n1']);
  });
});
