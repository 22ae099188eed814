/**
 * Regions used by the generator (GB/T 2260 codes): Guangzhou's 11 districts, other Guangdong cities,
 * and out-of-province cities with many universities and institutes (they matter for track 3.3.d).
 * Road names are real streets so that addresses read naturally; house numbers are random.
 */

export type RegionGroup = 'guangzhou' | 'guangdong' | 'other_province';

export interface RegionInfo {
  code: string;
  group: RegionGroup;
  /** Province prefix of an address; empty for municipalities (北京市 …). */
  province: string;
  /** 广州市, 深圳市, 北京市 … */
  city: string;
  /** City name without 市, used as a name prefix (广州, 深圳 …). */
  cityShort: string;
  /** District name, empty for cities without districts (东莞市, 中山市). */
  district: string;
  roads: readonly string[];
}

const gz = (code: string, district: string, roads: string[]): RegionInfo => ({
  code,
  group: 'guangzhou',
  province: '',
  city: '广州市',
  cityShort: '广州',
  district,
  roads,
});

export const GUANGZHOU_DISTRICTS: readonly RegionInfo[] = [
  gz('440103', '荔湾区', ['芳村大道中', '花地大道北', '中山八路', '龙溪大道', '康王中路', '西湾路', '东沙大道']),
  gz('440104', '越秀区', ['东风中路', '环市东路', '中山一路', '解放北路', '先烈中路', '农林下路', '寺右新马路']),
  gz('440105', '海珠区', ['新港东路', '琶洲大道', '江南大道中', '工业大道中', '昌岗中路', '阅江西路', '逸景路']),
  gz('440106', '天河区', ['天河路', '天河北路', '黄埔大道西', '科韵路', '中山大道西', '华夏路', '高普路', '珠江东路', '思成路']),
  gz('440111', '白云区', ['白云大道北', '机场路', '云城西路', '广园中路', '鹤龙一路', '同泰路', '石井大道']),
  gz('440112', '黄埔区', ['科学大道', '开创大道', '开源大道', '香山路', '科丰路', '瑞和路', '神舟路', '光谱中路', '九佛建设路']),
  gz('440113', '番禺区', ['番禺大道北', '汉溪大道东', '兴南大道', '亚运大道', '繁华路', '大学城外环西路', '大学城中环东路']),
  gz('440114', '花都区', ['迎宾大道', '风神大道', '凤凰北路', '天贵路', '商业大道']),
  gz('440115', '南沙区', ['海滨路', '进港大道', '环市大道南', '黄阁大道', '丰泽东路', '港前大道']),
  gz('440117', '从化区', ['从城大道', '河滨北路', '新城东路', '街口大道']),
  gz('440118', '增城区', ['荔城大道', '增江大道南', '新塘大道', '永宁大道', '府佑路']),
];

/** Relative weight of each district for an ordinary registration (天河, 黄埔, 番禺, 海珠, 白云 more). */
export const GUANGZHOU_DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  '440103': 5,
  '440104': 7,
  '440105': 10,
  '440106': 18,
  '440111': 10,
  '440112': 17,
  '440113': 12,
  '440114': 5,
  '440115': 8,
  '440117': 3,
  '440118': 5,
};

/** Universities cluster in 番禺 (大学城), 天河, 海珠, 白云 and 越秀. */
export const GUANGZHOU_UNIVERSITY_DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  '440103': 2,
  '440104': 8,
  '440105': 10,
  '440106': 20,
  '440111': 10,
  '440112': 8,
  '440113': 25,
  '440114': 4,
  '440115': 4,
  '440117': 3,
  '440118': 6,
};

const gd = (code: string, city: string, district: string, roads: string[]): RegionInfo => ({
  code,
  group: 'guangdong',
  province: '广东省',
  city,
  cityShort: city.replace(/市$/, ''),
  district,
  roads,
});

export const OTHER_GUANGDONG_REGIONS: readonly RegionInfo[] = [
  gd('440303', '深圳市', '罗湖区', ['深南东路', '宝安南路', '人民南路']),
  gd('440304', '深圳市', '福田区', ['深南大道', '福华三路', '益田路', '车公庙泰然九路']),
  gd('440305', '深圳市', '南山区', ['高新南一道', '科苑路', '学苑大道', '科技南十二路', '沙河西路']),
  gd('440306', '深圳市', '宝安区', ['宝安大道', '新湖路', '航城大道']),
  gd('440307', '深圳市', '龙岗区', ['龙岗大道', '坂雪岗大道', '龙城大道']),
  gd('440604', '佛山市', '禅城区', ['季华五路', '岭南大道北', '绿景路']),
  gd('440605', '佛山市', '南海区', ['桂澜北路', '狮山大道', '海五路']),
  gd('440606', '佛山市', '顺德区', ['德胜东路', '容桂大道', '顺德大道']),
  gd('441900', '东莞市', '', ['松山湖大道', '东莞大道', '鸿福路', '工业西路', '长安镇振安中路']),
  gd('442000', '中山市', '', ['中山五路', '博爱六路', '火炬开发区康乐大道', '东区兴政路']),
];

/** Weight of other Guangdong regions (深圳 most, then 佛山, 东莞, 中山). */
export const OTHER_GUANGDONG_WEIGHTS: Readonly<Record<string, number>> = {
  '440303': 3,
  '440304': 6,
  '440305': 10,
  '440306': 5,
  '440307': 4,
  '440604': 4,
  '440605': 5,
  '440606': 5,
  '441900': 8,
  '442000': 4,
};

const op = (code: string, province: string, city: string, district: string, roads: string[]): RegionInfo => ({
  code,
  group: 'other_province',
  province,
  city,
  cityShort: city.replace(/市$/, ''),
  district,
  roads,
});

export const OUT_OF_PROVINCE_REGIONS: readonly RegionInfo[] = [
  op('110108', '', '北京市', '海淀区', ['中关村南大街', '学院路', '知春路', '上地十街', '北四环西路']),
  op('310104', '', '上海市', '徐汇区', ['漕溪北路', '肇嘉浜路', '宜山路', '桂平路', '虹漕路']),
  op('320102', '江苏省', '南京市', '玄武区', ['中山东路', '北京东路', '珠江路', '玄武大道']),
  op('330106', '浙江省', '杭州市', '西湖区', ['文三路', '天目山路', '留和路', '文一西路']),
  op('420111', '湖北省', '武汉市', '洪山区', ['珞喻路', '雄楚大道', '关山大道', '光谷大道']),
  op('610113', '陕西省', '西安市', '雁塔区', ['科技路', '太白南路', '长安南路', '高新路']),
  op('510107', '四川省', '成都市', '武侯区', ['一环路南一段', '人民南路四段', '武侯大道', '科华北路']),
  op('340111', '安徽省', '合肥市', '包河区', ['徽州大道', '屯溪路', '包河大道', '马鞍山路']),
  op('430104', '湖南省', '长沙市', '岳麓区', ['麓山南路', '岳麓大道', '桐梓坡路', '枫林三路']),
  op('120104', '', '天津市', '南开区', ['卫津路', '鞍山西道', '复康路', '红旗路']),
  op('230103', '黑龙江省', '哈尔滨市', '南岗区', ['西大直街', '学府路', '红军街', '长江路']),
];

export const ALL_REGIONS: readonly RegionInfo[] = [...GUANGZHOU_DISTRICTS, ...OTHER_GUANGDONG_REGIONS, ...OUT_OF_PROVINCE_REGIONS];

const BY_CODE = new Map(ALL_REGIONS.map((r) => [r.code, r]));

export function regionInfo(code: string): RegionInfo {
  const r = BY_CODE.get(code);
  if (!r) throw new RangeError(`unknown demo region ${code}`);
  return r;
}

/** Literary prefixes used in institution names, per city (fictional names in a real style). */
export const CITY_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  广州: ['华南', '广州', '羊城', '珠江', '南粤', '花城', '粤海'],
  深圳: ['深圳', '鹏城', '深港'],
  佛山: ['佛山', '禅城'],
  东莞: ['东莞', '莞城'],
  中山: ['中山', '香山'],
  北京: ['北京', '京华', '燕山北'],
  上海: ['上海', '浦江', '申江'],
  南京: ['南京', '钟山', '秦淮'],
  杭州: ['杭州', '钱塘', '之江'],
  武汉: ['武汉', '江城', '楚天'],
  西安: ['西安', '秦川', '长安'],
  成都: ['成都', '天府', '蓉城'],
  合肥: ['合肥', '庐州', '巢湖'],
  长沙: ['长沙', '湘江', '麓山'],
  天津: ['天津', '津门', '海河'],
  哈尔滨: ['哈尔滨', '冰城', '松江'],
};
