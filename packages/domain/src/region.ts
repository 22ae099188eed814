/**
 * GB/T 2260 administrative divisions the registry needs: every district of Guangzhou, the other
 * prefecture-level cities of Guangdong, and the districts outside Guangdong where many universities
 * and research institutes are registered (for 3.3.d "outside Guangzhou"). Not the full standard:
 * an unknown code is reported as invalid so that an administrator can add it here.
 */
import type { Lang } from './i18n.js';

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  /** Six digits: province (2), prefecture (2), county or district (2). */
  code: string;
  nameZh: string;
  nameEn: string;
  /** The xx0000 code of the province, municipality or SAR. */
  provinceCode: string;
  level: RegionLevel;
}

export const GUANGZHOU_CODE = '440100';

// [code, Chinese name, English name]; provinces first so that labels can be built from prefixes.
const DATA: readonly (readonly [string, string, string])[] = [
  ['110000', '北京市', 'Beijing'],
  ['110101', '东城区', 'Dongcheng District'],
  ['110102', '西城区', 'Xicheng District'],
  ['110105', '朝阳区', 'Chaoyang District'],
  ['110108', '海淀区', 'Haidian District'],
  ['110114', '昌平区', 'Changping District'],
  ['120000', '天津市', 'Tianjin'],
  ['120101', '和平区', 'Heping District'],
  ['120104', '南开区', 'Nankai District'],
  ['120116', '滨海新区', 'Binhai New Area'],
  ['230000', '黑龙江省', 'Heilongjiang'],
  ['230100', '哈尔滨市', 'Harbin'],
  ['230102', '道里区', 'Daoli District'],
  ['230103', '南岗区', 'Nangang District'],
  ['230109', '松北区', 'Songbei District'],
  ['310000', '上海市', 'Shanghai'],
  ['310101', '黄浦区', 'Huangpu District'],
  ['310104', '徐汇区', 'Xuhui District'],
  ['310110', '杨浦区', 'Yangpu District'],
  ['310112', '闵行区', 'Minhang District'],
  ['310115', '浦东新区', 'Pudong New Area'],
  ['320000', '江苏省', 'Jiangsu'],
  ['320100', '南京市', 'Nanjing'],
  ['320102', '玄武区', 'Xuanwu District'],
  ['320106', '鼓楼区', 'Gulou District'],
  ['320113', '栖霞区', 'Qixia District'],
  ['320115', '江宁区', 'Jiangning District'],
  ['330000', '浙江省', 'Zhejiang'],
  ['330100', '杭州市', 'Hangzhou'],
  ['330102', '上城区', 'Shangcheng District'],
  ['330106', '西湖区', 'Xihu District'],
  ['330108', '滨江区', 'Binjiang District'],
  ['330110', '余杭区', 'Yuhang District'],
  ['340000', '安徽省', 'Anhui'],
  ['340100', '合肥市', 'Hefei'],
  ['340104', '蜀山区', 'Shushan District'],
  ['340111', '包河区', 'Baohe District'],
  ['420000', '湖北省', 'Hubei'],
  ['420100', '武汉市', 'Wuhan'],
  ['420102', '江岸区', "Jiang'an District"],
  ['420106', '武昌区', 'Wuchang District'],
  ['420111', '洪山区', 'Hongshan District'],
  ['430000', '湖南省', 'Hunan'],
  ['430100', '长沙市', 'Changsha'],
  ['430104', '岳麓区', 'Yuelu District'],
  ['430105', '开福区', 'Kaifu District'],
  ['440000', '广东省', 'Guangdong'],
  ['440100', '广州市', 'Guangzhou'],
  ['440103', '荔湾区', 'Liwan District'],
  ['440104', '越秀区', 'Yuexiu District'],
  ['440105', '海珠区', 'Haizhu District'],
  ['440106', '天河区', 'Tianhe District'],
  ['440111', '白云区', 'Baiyun District'],
  ['440112', '黄埔区', 'Huangpu District'],
  ['440113', '番禺区', 'Panyu District'],
  ['440114', '花都区', 'Huadu District'],
  ['440115', '南沙区', 'Nansha District'],
  ['440117', '从化区', 'Conghua District'],
  ['440118', '增城区', 'Zengcheng District'],
  ['440200', '韶关市', 'Shaoguan'],
  ['440300', '深圳市', 'Shenzhen'],
  ['440303', '罗湖区', 'Luohu District'],
  ['440304', '福田区', 'Futian District'],
  ['440305', '南山区', 'Nanshan District'],
  ['440306', '宝安区', "Bao'an District"],
  ['440307', '龙岗区', 'Longgang District'],
  ['440309', '龙华区', 'Longhua District'],
  ['440311', '光明区', 'Guangming District'],
  ['440400', '珠海市', 'Zhuhai'],
  ['440402', '香洲区', 'Xiangzhou District'],
  ['440500', '汕头市', 'Shantou'],
  ['440600', '佛山市', 'Foshan'],
  ['440604', '禅城区', 'Chancheng District'],
  ['440605', '南海区', 'Nanhai District'],
  ['440606', '顺德区', 'Shunde District'],
  ['440700', '江门市', 'Jiangmen'],
  ['440800', '湛江市', 'Zhanjiang'],
  ['440900', '茂名市', 'Maoming'],
  ['441200', '肇庆市', 'Zhaoqing'],
  ['441300', '惠州市', 'Huizhou'],
  ['441400', '梅州市', 'Meizhou'],
  ['441500', '汕尾市', 'Shanwei'],
  ['441600', '河源市', 'Heyuan'],
  ['441700', '阳江市', 'Yangjiang'],
  ['441800', '清远市', 'Qingyuan'],
  ['441900', '东莞市', 'Dongguan'],
  ['442000', '中山市', 'Zhongshan'],
  ['445100', '潮州市', 'Chaozhou'],
  ['445200', '揭阳市', 'Jieyang'],
  ['445300', '云浮市', 'Yunfu'],
  ['510000', '四川省', 'Sichuan'],
  ['510100', '成都市', 'Chengdu'],
  ['510104', '锦江区', 'Jinjiang District'],
  ['510107', '武侯区', 'Wuhou District'],
  ['510116', '双流区', 'Shuangliu District'],
  ['610000', '陕西省', 'Shaanxi'],
  ['610100', '西安市', "Xi'an"],
  ['610103', '碑林区', 'Beilin District'],
  ['610113', '雁塔区', 'Yanta District'],
  ['610116', '长安区', "Chang'an District"],
  ['810000', '香港特别行政区', 'Hong Kong SAR'],
  ['820000', '澳门特别行政区', 'Macao SAR'],
];

function levelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'prefecture' : 'county';
}

export const REGIONS: readonly Region[] = DATA.map(([code, nameZh, nameEn]) => ({
  code,
  nameZh,
  nameEn,
  provinceCode: code.slice(0, 2) + '0000',
  level: levelOf(code),
}));

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

/** The eleven districts of Guangzhou (4401xx), in code order. */
export const GUANGZHOU_DISTRICTS: readonly Region[] = REGIONS.filter((r) => r.code.startsWith('4401') && r.level === 'county');

export function regionByCode(code: string): Region | null {
  return BY_CODE.get(code) ?? null;
}

/** Six digits and present in this table. */
export function isValidRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && BY_CODE.has(code);
}

/**
 * The 在穗 (located in Guangzhou) test by registered region: true iff the code is six digits
 * starting with 4401 — the city itself or any of its districts, known to this table or not.
 */
export function isGuangzhouRegion(code: string): boolean {
  return /^4401\d{2}$/.test(code);
}

/** Regions directly below a province (its prefectures) or a prefecture (its districts). */
export function childRegions(code: string): Region[] {
  const level = levelOf(code);
  if (level === 'county') return [];
  const prefix = level === 'province' ? code.slice(0, 2) : code.slice(0, 4);
  const childLevel: RegionLevel = level === 'province' ? 'prefecture' : 'county';
  return REGIONS.filter((r) => r.code.startsWith(prefix) && r.level === childLevel && r.code !== code);
}

/**
 * Full name from province down: "广东省广州市天河区" / "Tianhe District, Guangzhou, Guangdong".
 * Municipalities have no prefecture entry ("北京市海淀区"). An unknown code is returned as is.
 */
export function regionLabel(code: string, lang: Lang): string {
  const self = regionByCode(code);
  if (!self) return code;
  const chain = [self.provinceCode, code.slice(0, 4) + '00', code]
    .filter((c, i, all) => all.indexOf(c) === i)
    .map((c) => BY_CODE.get(c))
    .filter((r): r is Region => r !== undefined);
  return lang === 'zh'
    ? chain.map((r) => r.nameZh).join('')
    : chain
        .reverse()
        .map((r) => r.nameEn)
        .join(', ');
}
