/**
 * Key S&T fields of the Guangzhou 14th Five-Year S&T Innovation Plan (广州市科技创新"十四五"规划),
 * as a two-level list: fields F01..F12 and their directions F01.01 …, with a keyword vocabulary per field.
 */

export interface FieldDef {
  code: string;
  nameZh: string;
  nameEn: string;
  directions: readonly (readonly [nameZh: string, nameEn: string])[];
  keywords: readonly string[];
  /** Words used in enterprise names of the field (…智能科技有限公司). */
  industries: readonly string[];
  /** University schools (学院) teaching the field, for positions. */
  schools: readonly string[];
  /** Relative weight of the field among ordinary enterprises. */
  enterpriseWeight: number;
}

export const FIELD_DEFS: readonly FieldDef[] = [
  {
    code: 'F01',
    nameZh: '新一代信息技术',
    nameEn: 'New-generation information technology',
    directions: [
      ['新一代通信与网络', 'Next-generation communications and networks'],
      ['软件与信息技术应用创新', 'Software and IT application innovation'],
      ['区块链与数据安全', 'Blockchain and data security'],
      ['超高清视频与新型显示', 'Ultra-HD video and new displays'],
      ['量子信息', 'Quantum information'],
    ],
    keywords: ['5G通信', '6G', '工业互联网', '云计算', '边缘计算', '信创操作系统', '分布式数据库', '区块链', '隐私计算', '网络安全', '量子通信', 'Micro LED', '超高清视频', '物联网'],
    industries: ['信息技术', '网络科技', '通信技术', '软件科技', '数据科技', '电子科技', '光电科技', '显示科技', '信息科技'],
    schools: ['计算机科学与工程学院', '电子与信息学院', '软件学院', '网络空间安全学院'],
    enterpriseWeight: 15,
  },
  {
    code: 'F02',
    nameZh: '人工智能',
    nameEn: 'Artificial intelligence',
    directions: [
      ['基础算法与大模型', 'Foundation algorithms and large models'],
      ['计算机视觉', 'Computer vision'],
      ['智能语音与自然语言处理', 'Speech and natural language processing'],
      ['智能机器人', 'Intelligent robots'],
      ['人工智能芯片与算力', 'AI chips and computing power'],
    ],
    keywords: ['大模型', '深度学习', '计算机视觉', '自然语言处理', '语音识别', '知识图谱', '强化学习', '多模态', '具身智能', '类脑计算', '智能决策', '联邦学习', 'AI芯片'],
    industries: ['智能科技', '人工智能科技', '机器人科技', '视觉科技', '智能技术', '智算科技'],
    schools: ['人工智能学院', '计算机科学与工程学院', '自动化科学与工程学院'],
    enterpriseWeight: 10,
  },
  {
    code: 'F03',
    nameZh: '生物医药与健康',
    nameEn: 'Biomedicine and health',
    directions: [
      ['创新药物', 'Innovative drugs'],
      ['高端医疗器械', 'High-end medical devices'],
      ['细胞与基因治疗', 'Cell and gene therapy'],
      ['中医药现代化', 'Modernisation of traditional Chinese medicine'],
      ['重大疾病防治', 'Prevention and treatment of major diseases'],
      ['精准医学与体外诊断', 'Precision medicine and in-vitro diagnostics'],
    ],
    keywords: ['创新药', '抗体药物', 'mRNA疫苗', '细胞治疗', '基因编辑', '体外诊断', '医学影像', '手术机器人', '中药现代化', '精准医学', '肿瘤免疫', '干细胞', '生物材料', '药物递送'],
    industries: ['生物科技', '生物医药', '医疗器械', '医药科技', '制药', '基因科技', '诊断技术', '细胞科技', '健康科技'],
    schools: ['医学院', '药学院', '生命科学学院', '生物医学工程学院', '公共卫生学院'],
    enterpriseWeight: 14,
  },
  {
    code: 'F04',
    nameZh: '新材料',
    nameEn: 'New materials',
    directions: [
      ['先进高分子材料', 'Advanced polymer materials'],
      ['高性能金属材料', 'High-performance metallic materials'],
      ['先进陶瓷与复合材料', 'Advanced ceramics and composites'],
      ['电子化学品与显示材料', 'Electronic chemicals and display materials'],
      ['前沿纳米材料', 'Frontier nanomaterials'],
    ],
    keywords: ['高分子材料', '碳纤维', '石墨烯', '特种工程塑料', '电子化学品', '高温合金', '先进陶瓷', '生物基材料', '显示材料', '可降解材料', '复合材料', '稀土功能材料', '精细化学品'],
    industries: ['新材料科技', '高分子材料', '化工', '精细化工', '材料科技', '纳米科技', '日化科技'],
    schools: ['材料科学与工程学院', '化学与化工学院', '高分子科学与工程系'],
    enterpriseWeight: 10,
  },
  {
    code: 'F05',
    nameZh: '新能源',
    nameEn: 'New energy',
    directions: [
      ['氢能与燃料电池', 'Hydrogen and fuel cells'],
      ['先进储能', 'Advanced energy storage'],
      ['光伏与海上风电', 'Photovoltaics and offshore wind'],
      ['智能电网与综合能源', 'Smart grids and integrated energy'],
    ],
    keywords: ['氢燃料电池', '固态电池', '锂离子电池', '钠离子电池', '光伏组件', '海上风电', '储能系统', '智能电网', '虚拟电厂', '热管理', '电解水制氢', '综合能源服务'],
    industries: ['新能源科技', '储能科技', '氢能科技', '电气', '能源科技', '光伏科技', '电力科技'],
    schools: ['电力学院', '能源与动力工程学院', '环境与能源学院'],
    enterpriseWeight: 8,
  },
  {
    code: 'F06',
    nameZh: '高端装备制造',
    nameEn: 'High-end equipment manufacturing',
    directions: [
      ['智能制造装备', 'Intelligent manufacturing equipment'],
      ['工业母机与数控系统', 'Machine tools and CNC systems'],
      ['轨道交通装备', 'Rail transit equipment'],
      ['航空航天与卫星应用', 'Aerospace and satellite applications'],
      ['船舶与海洋工程装备', 'Ships and offshore engineering equipment'],
    ],
    keywords: ['工业机器人', '数控机床', '精密减速器', '伺服系统', '增材制造', '工业软件', '激光加工', '智能检测', '轨道交通装备', '航空发动机', '卫星导航', '船舶设计', '数字孪生'],
    industries: ['智能装备', '精密机械', '自动化设备', '机械制造', '装备科技', '数控科技', '激光科技', '航空科技'],
    schools: ['机械与汽车工程学院', '自动化科学与工程学院', '航空航天学院'],
    enterpriseWeight: 12,
  },
  {
    code: 'F07',
    nameZh: '智能网联汽车',
    nameEn: 'Intelligent connected vehicles',
    directions: [
      ['动力电池与电驱动系统', 'Traction batteries and electric drives'],
      ['车规级芯片与汽车电子', 'Automotive-grade chips and vehicle electronics'],
      ['智能座舱与自动驾驶', 'Smart cockpits and autonomous driving'],
      ['车路云协同', 'Vehicle-road-cloud cooperation'],
    ],
    keywords: ['自动驾驶', '车规级芯片', '智能座舱', '车路协同', '激光雷达', '动力电池', '电驱动系统', '线控底盘', '整车轻量化', '高精度地图', '车载操作系统', '充换电'],
    industries: ['汽车零部件', '汽车电子', '新能源汽车科技', '动力科技', '汽车科技', '智能驾驶科技'],
    schools: ['机械与汽车工程学院', '车辆工程学院', '交通学院'],
    enterpriseWeight: 7,
  },
  {
    code: 'F08',
    nameZh: '海洋科技',
    nameEn: 'Marine science and technology',
    directions: [
      ['深海探测与海洋装备', 'Deep-sea exploration and marine equipment'],
      ['海洋资源开发', 'Marine resource development'],
      ['海洋生态保护', 'Marine ecological protection'],
      ['海洋生物医药', 'Marine biomedicine'],
    ],
    keywords: ['深海探测', '海洋工程装备', '海洋生物资源', '天然气水合物', '海洋观测', '海水淡化', '海洋牧场', '水下机器人', '海洋生态修复', '智慧港口'],
    industries: ['海洋科技', '海洋工程', '水产科技', '海洋装备'],
    schools: ['海洋科学学院', '海洋工程与技术学院'],
    enterpriseWeight: 3,
  },
  {
    code: 'F09',
    nameZh: '现代农业与食品',
    nameEn: 'Modern agriculture and food',
    directions: [
      ['现代种业', 'Modern seed industry'],
      ['智慧农业', 'Smart agriculture'],
      ['食品安全与营养健康', 'Food safety, nutrition and health'],
      ['农产品精深加工', 'Deep processing of agricultural products'],
    ],
    keywords: ['种业创新', '分子育种', '智慧农业', '农业机器人', '食品安全检测', '功能食品', '预制菜', '冷链物流', '合成生物', '植物工厂', '畜禽疫病防控', '岭南特色水果'],
    industries: ['农业科技', '食品', '生物农业', '种业科技', '食品科技'],
    schools: ['食品科学与工程学院', '农学院', '园艺学院', '动物科学学院'],
    enterpriseWeight: 5,
  },
  {
    code: 'F10',
    nameZh: '集成电路',
    nameEn: 'Integrated circuits',
    directions: [
      ['芯片设计与EDA', 'Chip design and EDA'],
      ['特色工艺制造', 'Specialty process manufacturing'],
      ['先进封装测试', 'Advanced packaging and testing'],
      ['第三代半导体', 'Third-generation semiconductors'],
    ],
    keywords: ['芯片设计', 'EDA', '先进封装', '晶圆制造', '第三代半导体', '碳化硅', '氮化镓', '射频芯片', '存储芯片', '光刻胶', 'MEMS传感器', 'Chiplet'],
    industries: ['半导体', '微电子', '集成电路', '芯片科技', '电子材料'],
    schools: ['微电子学院', '集成电路学院', '物理与光电学院'],
    enterpriseWeight: 6,
  },
  {
    code: 'F11',
    nameZh: '数字创意',
    nameEn: 'Digital creative industries',
    directions: [
      ['游戏与电竞技术', 'Games and e-sports technology'],
      ['虚拟现实与元宇宙', 'Virtual reality and the metaverse'],
      ['数字内容生产', 'Digital content production'],
      ['文化科技融合', 'Culture-technology integration'],
    ],
    keywords: ['游戏引擎', '虚拟现实', '增强现实', '元宇宙', '数字人', '动漫制作', '电竞', '超高清制播', '沉浸式体验', 'AIGC', '数字文博', '音视频编解码'],
    industries: ['数字科技', '动漫科技', '文化科技', '互动娱乐', '影视科技'],
    schools: ['设计学院', '新闻与传播学院', '艺术学院'],
    enterpriseWeight: 5,
  },
  {
    code: 'F12',
    nameZh: '生态环境与城市安全',
    nameEn: 'Ecology, environment and urban safety',
    directions: [
      ['大气与水污染防治', 'Air and water pollution control'],
      ['固废资源化利用', 'Solid-waste recycling'],
      ['碳达峰碳中和技术', 'Carbon peaking and neutrality technology'],
      ['城市安全与应急管理', 'Urban safety and emergency management'],
      ['智慧城市', 'Smart cities'],
    ],
    keywords: ['碳捕集', '碳中和', '大气污染防治', '水污染治理', '固废资源化', '土壤修复', '城市内涝', '应急管理', '消防安全', '智慧城市', '环境监测', '节能降碳', '黑臭水体'],
    industries: ['环保科技', '环境工程', '检测技术', '节能科技', '安全科技', '环境科技'],
    schools: ['环境与能源学院', '土木与交通学院', '建筑学院'],
    enterpriseWeight: 6,
  },
];

export const FIELD_CODES: readonly string[] = FIELD_DEFS.map((f) => f.code);

const FIELD_BY_CODE = new Map(FIELD_DEFS.map((f) => [f.code, f]));

export function fieldDef(code: string): FieldDef {
  const f = FIELD_BY_CODE.get(code.slice(0, 3));
  if (!f) throw new RangeError(`unknown field ${code}`);
  return f;
}

export function directionCode(fieldCode: string, index: number): string {
  return `${fieldCode}.${String(index + 1).padStart(2, '0')}`;
}
