/**
 * Benchmark `overlap` (issue 5, 一题多报): 20,000 applications against 100,000 national abstracts of
 * generated Chinese R&D text (150–400 characters, composed per field from sentence patterns and
 * vocabularies), with planted near-duplicates whose truth is kept aside:
 * - `copy-national`: an application that is a national abstract with edits (synonym swaps, inserted and
 *   deleted clauses, reordered sentences);
 * - `copy-application`: an application that is another application (another track or year) with edits;
 * - `paragraph`: a new application with a copied paragraph (2–3 consecutive sentences) of a national
 *   abstract inside it.
 * Every source is used once and is itself no copy, so the truth pairs are all the overlapping pairs.
 * precision = flagged pairs in the truth / flagged pairs; recall = truth pairs flagged / truth pairs.
 * Targets: recall ≥ 0.95, precision ≥ 0.90, under 60 s. Prints one JSON object.
 */
import { Rng } from '@rdplan/demo';
import { buildOverlapIndex, findOverlaps, type OverlapDoc, type OverlapStats } from '@rdplan/domain';

const APPLICATIONS = 20_000;
const NATIONAL = 100_000;
const PLANTED = { 'copy-national': 500, 'copy-application': 250, paragraph: 250 } as const;
type PlantKind = keyof typeof PLANTED;
const TRACKS = ['产业链揭榜', '重点领域', '基础与应用基础', '成果转化'];

interface Field {
  modifier: string[];
  industry: string[];
  object: string[];
  attr: string[];
  problem: string[];
  tech: string[];
  process: string[];
  device: string[];
  scene: string[];
  metric: string[];
}

const FIELDS: Field[] = [
  {
    modifier: ['高速', '低功耗', '宽禁带', '超薄', '高密度', '大尺寸', '高可靠', '微纳', '硅光', '异构', '高频', '柔性'],
    industry: ['新一代信息技术', '集成电路', '新型显示', '通信网络'],
    object: [
      '硅基光电芯片',
      '射频前端模组',
      '柔性显示面板',
      '存算一体芯片',
      '毫米波天线阵列',
      '高速光模块',
      '功率半导体器件',
      '量子点发光材料',
    ],
    attr: ['良率', '功耗', '集成度', '可靠性', '带宽', '一致性'],
    problem: ['工艺窗口窄', '热管理困难', '信号串扰严重', '国产化率低', '测试成本高', '缺陷检测效率低'],
    tech: ['异质集成', '晶圆级封装', '低温键合', '先进光刻', '三维堆叠', '片上互连', '电磁仿真', '智能检测'],
    process: ['设计方法', '制备工艺', '测试技术', '建模方法', '优化算法', '评估体系'],
    device: ['验证平台', '原型芯片', '测试系统', '中试线', '样机'],
    scene: ['数据中心', '移动终端', '车载电子', '工业互联网', '卫星通信'],
    metric: ['传输速率', '能效比', '器件寿命', '封装密度', '响应时间'],
  },
  {
    modifier: ['自适应', '轻量化', '高精度', '多模态', '具身', '分布式', '可信', '开放式', '人机共融', '云边协同', '高动态', '自主'],
    industry: ['人工智能', '智能机器人', '智能制造', '工业软件'],
    object: ['多模态大模型', '协作机械臂', '视觉感知模组', '数字孪生平台', '自主导航系统', '工业控制软件', '灵巧手', '智能决策引擎'],
    attr: ['泛化能力', '实时性', '定位精度', '鲁棒性', '安全性', '可解释性'],
    problem: ['样本标注成本高', '复杂场景适应性差', '算力需求大', '人机协同效率低', '系统集成难度大', '核心算法受制于人'],
    tech: ['小样本学习', '强化学习', '知识图谱', '联邦学习', '模型压缩', '多传感器融合', '运动规划', '边缘推理'],
    process: ['训练框架', '控制方法', '标定技术', '推理引擎', '调度算法', '验证方法'],
    device: ['示范产线', '软件平台', '机器人样机', '开放数据集', '测试场'],
    scene: ['智能工厂', '仓储物流', '医疗康复', '城市治理', '电力巡检'],
    metric: ['识别准确率', '作业节拍', '重复定位精度', '推理延迟', '故障预警准确率'],
  },
  {
    modifier: ['新型', '长效', '靶向', '高灵敏', '微创', '便携式', '全自动', '个性化', '人源化', '高通量', '缓释', '多联'],
    industry: ['生物医药', '高端医疗器械', '精准医学', '中医药'],
    object: ['单克隆抗体', '细胞治疗产品', '核酸疫苗', '医用影像设备', '植介入器械', '分子诊断试剂', '中药复方制剂', '基因编辑工具'],
    attr: ['有效性', '安全性', '稳定性', '灵敏度', '特异性', '生物相容性'],
    problem: ['靶点发现困难', '临床转化周期长', '生产成本高', '质量标准不完善', '关键原料依赖进口', '耐药性突出'],
    tech: ['高通量筛选', '蛋白质工程', '递送系统', '类器官模型', '单细胞测序', '人工智能辅助设计', '连续化生产', '多组学分析'],
    process: ['评价体系', '制备工艺', '质控方法', '检测技术', '临床方案', '筛选平台'],
    device: ['候选药物', '临床样品', '注册检验样机', '生产线', '诊断试剂盒'],
    scene: ['肿瘤治疗', '慢病管理', '基层医疗', '传染病防控', '康复护理'],
    metric: ['检测灵敏度', '药物收率', '纯度', '临床有效率', '成本降低幅度'],
  },
  {
    modifier: ['高性能', '耐高温', '超高强', '纳米', '轻质', '功能化', '可回收', '低成本', '大丝束', '高纯', '多孔', '梯度'],
    industry: ['新材料', '先进高分子', '特种金属', '先进陶瓷'],
    object: ['碳纤维复合材料', '高温合金', '钙钛矿薄膜', '石墨烯导热膜', '特种工程塑料', '稀土永磁材料', '陶瓷基复合材料', '生物降解材料'],
    attr: ['强度', '耐温性', '导热性能', '加工性能', '耐腐蚀性', '批次稳定性'],
    problem: ['制备成本高', '性能波动大', '规模化生产困难', '界面结合弱', '回收利用率低', '关键助剂依赖进口'],
    tech: ['分子结构设计', '可控合成', '表面改性', '增材制造', '热处理', '界面调控', '原位表征', '连续化成型'],
    process: ['制备工艺', '表征方法', '成型技术', '评价方法', '配方体系', '回收工艺'],
    device: ['中试生产线', '示范应用部件', '吨级制备装置', '标准样品', '工程化产品'],
    scene: ['航空航天', '新能源汽车', '电子封装', '海洋工程', '轨道交通'],
    metric: ['拉伸强度', '使用温度', '导热系数', '成品率', '单位能耗'],
  },
  {
    modifier: ['大容量', '长寿命', '高安全', '低成本', '兆瓦级', '高效', '模块化', '柔性', '宽温域', '智能化', '高功率', '分布式'],
    industry: ['新能源', '储能', '氢能', '智能电网'],
    object: ['固态锂电池', '质子交换膜燃料电池', '光伏组件', '液流电池', '电解水制氢装置', '海上风电机组', '虚拟电厂', '储热系统'],
    attr: ['能量密度', '循环寿命', '转换效率', '安全性', '经济性', '低温性能'],
    problem: ['成本居高不下', '衰减机理不清', '安全风险突出', '并网稳定性差', '关键材料国产化不足', '系统效率偏低'],
    tech: ['电极材料设计', '电解质改性', '热失控预警', '功率预测', '能量管理', '膜电极制备', '电堆集成', '寿命评估'],
    process: ['控制策略', '制备工艺', '测试方法', '优化调度', '集成技术', '诊断方法'],
    device: ['示范电站', '电池模组', '系统样机', '测试平台', '示范工程'],
    scene: ['电网调峰', '工业园区', '港口码头', '分布式能源', '交通运输'],
    metric: ['系统效率', '度电成本', '循环次数', '功率密度', '预测精度'],
  },
  {
    modifier: ['绿色', '高效', '智能', '抗逆', '低碳', '节水型', '全产业链', '精准', '生态型', '标准化', '功能型', '循环型'],
    industry: ['现代农业', '食品制造', '海洋经济', '生态环境'],
    object: ['优质水稻品种', '水产养殖系统', '功能性食品', '土壤修复剂', '智能农机', '海洋生物制品', '污水处理工艺', '冷链物流装备'],
    attr: ['产量', '品质', '安全性', '资源利用率', '稳定性', '营养价值'],
    problem: ['病虫害频发', '资源消耗大', '污染物排放超标', '损耗率高', '标准化程度低', '生产效率不高'],
    tech: ['分子育种', '精准施肥', '生物降解', '智能监测', '保鲜加工', '微生物发酵', '遥感识别', '循环利用'],
    process: ['技术规程', '评价方法', '调控技术', '加工工艺', '监测方法', '管理模式'],
    device: ['示范基地', '生产线', '装备样机', '新品种', '技术标准'],
    scene: ['粤港澳大湾区', '乡村振兴', '近海养殖', '城市水体', '农产品加工'],
    metric: ['亩产', '去除率', '损耗率', '转化率', '能耗降低'],
  },
];

const SYNONYMS: [string, string][] = [
  ['研究', '研发'],
  ['关键', '核心'],
  ['提升', '提高'],
  ['构建', '建立'],
  ['方法', '方式'],
  ['突破', '攻克'],
  ['开展', '进行'],
  ['实现', '达成'],
  ['问题', '难题'],
  ['研制', '开发'],
  ['系统', '体系'],
  ['显著', '明显'],
  ['形成', '建成'],
  ['针对', '面向'],
  ['应用', '运用'],
  ['优化', '改进'],
];

/** A clause to insert into a copy, drawn from the field's vocabulary so that insertions differ. */
function insertion(rng: Rng, f: Field): string {
  const forms = [
    () => `同时兼顾${pick(rng, f.scene)}的产业化需求，`,
    () => `并与${rng.int(2, 9)}家上下游企业开展${pick(rng, f.tech)}联合攻关，`,
    () => `在前期${pick(rng, f.object)}${pick(rng, f.process)}工作基础上，`,
    () => `项目团队在${pick(rng, f.tech)}方面已积累${rng.int(3, 15)}年研究基础。`,
    () => `相关成果可望填补国内${pick(rng, f.modifier)}${pick(rng, f.object)}领域空白。`,
    () => `并培养${pick(rng, f.industry)}高水平研发人才${rng.int(10, 80)}名。`,
  ];
  return pick(rng, forms)();
}

const SPECIFIC_CHARS =
  '钛钒铬锰钴镍铜锌镓锗硒铌钼钯银铟锡锑碲铪钽钨铂金铋镧铈钕钐铕钆铽镝钬铒铥镱镥钇钪锂铍硼碳氮氧氟钠镁铝硅磷硫氯钾钙' +
  '华瑞康泰鹏宏远恒通达兴盛嘉和信诚德安博越海天云星光明峰岭南粤穗珠江湾凯迪锐智微联创新优精益尚卓铭';
const SPECIFIC_KINDS = ['基', '型', '系', '掺杂', '改性', '增强', '复合', '协同'];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return rng.pick(xs);
}

function sentencePool(rng: Rng, f: Field): string[] {
  const term = () => (rng.chance(0.7) ? pick(rng, f.modifier) : '') + pick(rng, f.object);
  const t = () => (rng.chance(0.5) ? pick(rng, f.modifier) : '') + pick(rng, f.tech) + pick(rng, f.process);
  // Each project names its own specific object (a compound, a model, a variant): the long tail of
  // vocabulary real abstracts have, which a small field vocabulary alone lacks.
  const specific = () => rng.chars(SPECIFIC_CHARS, 2) + pick(rng, SPECIFIC_KINDS) + pick(rng, f.object);
  const o = rng.chance(0.7) ? specific() : term();
  const o2 = rng.chance(0.5) ? specific() : term();
  const n = () => String(rng.int(10, 95));
  const all = [
    `${pick(rng, f.industry)}是广州市重点发展的战略性新兴产业，${o}的${pick(rng, f.attr)}直接决定${pick(rng, f.scene)}领域约${rng.int(50, 900)}亿元市场的竞争力。`,
    `当前${o}主要依赖进口，${pick(rng, f.attr)}与${pick(rng, f.attr)}难以兼顾，制约了${pick(rng, f.industry)}的发展。`,
    `针对${o}在${pick(rng, f.scene)}中存在的${pick(rng, f.problem)}、${pick(rng, f.problem)}等问题，本项目拟开展${t()}与${term()}${pick(rng, f.process)}研究。`,
    `重点突破${t()}、${t()}和${t()}等关键技术，阐明${o}${pick(rng, f.attr)}在${pick(rng, f.scene)}条件下的影响机制。`,
    `研究${term()}与${term()}的耦合规律，提出基于${t()}的${pick(rng, f.process)}。`,
    `构建面向${pick(rng, f.scene)}的${o2}${pick(rng, f.process)}，研制${term()}${pick(rng, f.device)}${rng.int(1, 5)}套，${pick(rng, f.attr)}指标达到${n()}分以上。`,
    `项目实施后，${pick(rng, f.metric)}提升${n()}%以上，${pick(rng, f.metric)}达到国际先进水平，${o}${pick(rng, f.attr)}显著改善。`,
    `申请发明专利${rng.int(3, 20)}项，制定标准${rng.int(1, 5)}项，形成${pick(rng, f.device)}并在${pick(rng, f.scene)}开展应用示范。`,
    `通过${t()}与${t()}的融合，解决${pick(rng, f.problem)}的难题，使${pick(rng, f.metric)}提高${n()}%，实现${o2}的自主可控。`,
    `预计新增产值${rng.int(2, 80)}亿元，带动${pick(rng, f.industry)}上下游企业${rng.int(5, 60)}家协同发展。`,
    `建立${o}${pick(rng, f.attr)}的${pick(rng, f.process)}，${pick(rng, f.metric)}较现有水平降低${n()}%。`,
    `在${pick(rng, f.scene)}和${pick(rng, f.scene)}完成${rng.int(2, 30)}个场景的验证，${pick(rng, f.metric)}优于${n()}。`,
    `揭示${term()}在${pick(rng, f.scene)}工况下的失效机理，发展${t()}。`,
    `开发具有自主知识产权的${term()}，关键指标${pick(rng, f.metric)}不低于${rng.int(100, 999)}。`,
  ];
  return all;
}

/** An abstract of about `target` characters (150–400). */
function abstract(rng: Rng, field: Field, target: number): string {
  const pool = rng.shuffle(sentencePool(rng, field));
  let out = '';
  for (const s of pool) {
    if (out.length >= target) break;
    if (out.length + s.length > 400 && out.length >= 150) break;
    out += s;
  }
  return out.slice(0, 400);
}

function sentences(text: string): string[] {
  return text.match(/[^。]+。?/g) ?? [text];
}

/** Edits a copied text: synonym swaps, inserted and deleted clauses, reordered sentences. */
function edit(rng: Rng, f: Field, text: string): string {
  let ss = sentences(text);
  if (rng.chance(0.5) && ss.length > 2) {
    const i = rng.int(0, ss.length - 1);
    const j = rng.int(0, ss.length - 1);
    [ss[i], ss[j]] = [ss[j]!, ss[i]!];
  }
  if (rng.chance(0.5) && ss.length > 3) ss.splice(rng.int(0, ss.length - 1), 1);
  ss = ss.map((s) => {
    const clauses = s.split('，');
    if (clauses.length > 2 && rng.chance(0.2)) clauses.splice(rng.int(1, clauses.length - 1), 1);
    return clauses.join('，');
  });
  for (let n = rng.int(1, 3); n > 0; n--) {
    const i = rng.int(0, ss.length - 1);
    ss[i] = rng.chance(0.5) ? insertion(rng, f) + ss[i] : ss[i] + insertion(rng, f);
  }
  let out = ss.join('');
  for (const [x, y] of SYNONYMS) {
    if (rng.chance(0.5)) out = out.replace(new RegExp(x, 'g'), (m) => (rng.chance(0.6) ? y : m));
  }
  return out;
}

/** The benchmark corpus: national abstracts then applications, the truth pairs `application|source` by kind. */
export function overlapCorpus(): { docs: OverlapDoc[]; truth: Set<string>; byKind: Record<PlantKind, string[]> } {
  const rng = Rng.derive(20260501, 'overlap');
  const docs: OverlapDoc[] = [];
  const fieldOf = new Map<string, Field>();
  for (let i = 0; i < NATIONAL; i++) {
    const f = pick(rng, FIELDS);
    fieldOf.set(`N${i}`, f);
    docs.push({ id: `N${i}`, kind: 'national', year: rng.int(2016, 2025), text: abstract(rng, f, rng.int(150, 400)) });
  }
  const apps: OverlapDoc[] = [];
  for (let i = 0; i < APPLICATIONS; i++) {
    const f = pick(rng, FIELDS);
    fieldOf.set(`A${i}`, f);
    apps.push({
      id: `A${i}`,
      kind: 'application',
      year: rng.int(2022, 2026),
      track: pick(rng, TRACKS),
      text: abstract(rng, f, rng.int(150, 400)),
    });
  }
  // Plant: targets are distinct applications; sources are distinct and never targets.
  const order = rng.shuffle(apps.map((_, i) => i));
  const total = Object.values(PLANTED).reduce((a, b) => a + b, 0);
  const targets = order.slice(0, total);
  const appSources = order.slice(total, total + PLANTED['copy-application']);
  const nationalOrder = rng.shuffle(docs.map((_, i) => i));
  let nextNational = 0;
  const truth = new Set<string>();
  const byKind: Record<PlantKind, string[]> = { 'copy-national': [], 'copy-application': [], paragraph: [] };
  let t = 0;
  for (const kind of Object.keys(PLANTED) as PlantKind[]) {
    for (let i = 0; i < PLANTED[kind]; i++) {
      const target = apps[targets[t++]!]!;
      let source: OverlapDoc;
      if (kind === 'copy-application') {
        source = apps[appSources[i]!]!;
        target.text = edit(rng, fieldOf.get(source.id)!, source.text);
        target.track = pick(
          rng,
          TRACKS.filter((x) => x !== source.track),
        );
      } else {
        source = docs[nationalOrder[nextNational++]!]!;
        if (kind === 'copy-national') target.text = edit(rng, fieldOf.get(source.id)!, source.text);
        else {
          const ss = sentences(source.text);
          const len = Math.min(ss.length, rng.int(2, 3));
          const from = rng.int(0, ss.length - len);
          const paragraph = ss.slice(from, from + len).join('');
          const own = sentences(target.text);
          own.splice(rng.int(0, own.length), 0, paragraph);
          target.text = own.join('');
        }
      }
      truth.add(`${target.id}|${source.id}`);
      byKind[kind].push(`${target.id}|${source.id}`);
    }
  }
  docs.push(...apps);
  return { docs, truth, byKind };
}

export async function overlapBench(): Promise<Record<string, unknown>> {
  const { docs, truth, byKind } = overlapCorpus();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = buildOverlapIndex(docs);
  const t1 = performance.now();
  const stats: Partial<OverlapStats> = {};
  const found = findOverlaps(index, {}, stats);
  const ms = performance.now() - t0;
  const heapUsed = process.memoryUsage().heapUsed;

  const key = (a: string, b: string) => (truth.has(`${a}|${b}`) ? `${a}|${b}` : `${b}|${a}`);
  let correct = 0;
  const flagged = new Set<string>();
  for (const p of found) {
    const k = key(p.a, p.b);
    flagged.add(k);
    if (truth.has(k)) correct++;
  }
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const recallBy = Object.fromEntries(
    (Object.keys(byKind) as PlantKind[]).map((k) => [k, round(byKind[k].filter((x) => flagged.has(x)).length / byKind[k].length)]),
  );
  return {
    bench: 'overlap',
    applications: APPLICATIONS,
    national: NATIONAL,
    planted: truth.size,
    flagged: found.length,
    ms: Math.round(ms),
    index_ms: Math.round(t1 - t0),
    precision: round(found.length ? correct / found.length : 1),
    recall: round(correct / truth.size),
    recall_by_kind: recallBy,
    candidates: stats.candidates,
    segments: stats.signedSegments,
    skipped_buckets: stats.skippedBuckets,
    boilerplate_cutoff: stats.boilerplateCutoff,
    heap_used_mb: Math.round(heapUsed / 2 ** 20),
    heap_delta_mb: Math.round((heapUsed - heapBefore) / 2 ** 20),
    params: { ...index.options, minContainment: 0.5, minPassageShingles: 25, minPassage: 20, minMatch: 8, maxGap: 12 },
    targets: { recall: 0.95, precision: 0.9, ms: 60_000 },
  };
}
