/**
 * Guangzhou's 21 key industry chains under the chain-leader system (链长制, 《广州市构建"链长制"推进
 * 产业高质量发展的意见》, 2021). Names checked against public reports of the 2021 list: 智能网联与新能源
 * 汽车, 绿色石化和新材料, 现代高端装备, 超高清视频和新型显示, 人工智能, 半导体与集成电路, 软件和信创
 * (Guangzhou Daily, 2021-03-24, via reprints), 建筑业和规划设计 and 现代金融 (Economic Daily,
 * 2021-10-19, on gxj.gz.gov.cn), 时尚产业 with its 定制家居 segment (China News, 2023-05-14). The others
 * (C08–C13, C15, C17–C21) follow the city's industrial plans but were not found in a published copy of
 * the list; codes C01..C21 are this project's own.
 */

export interface ChainDef {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Field (F01..F12) whose experts and enterprises belong to the chain. */
  field: string;
  /** Words for a leader group's name: 广州<brand><word>集团股份有限公司. */
  groupWords: readonly string[];
  /** Words for subsidiaries' names: <brand>（广州）<word>有限公司. */
  subsidiaryWords: readonly string[];
  /** Guangzhou districts where the chain's leaders are registered. */
  districts: readonly string[];
}

export const CHAIN_DEFS: readonly ChainDef[] = [
  {
    code: 'C01',
    nameZh: '智能网联与新能源汽车',
    nameEn: 'Intelligent connected and new-energy vehicles',
    field: 'F07',
    groupWords: ['汽车', '汽车工业', '新能源汽车'],
    subsidiaryWords: [
      '汽车零部件',
      '新能源',
      '汽车电子',
      '动力电池',
      '智能驾驶科技',
      '汽车研究院',
      '汽车销售服务',
      '电驱动科技',
      '汽车模具',
    ],
    districts: ['440113', '440114', '440112', '440118', '440115'],
  },
  {
    code: 'C02',
    nameZh: '绿色石化和新材料',
    nameEn: 'Green petrochemicals and new materials',
    field: 'F04',
    groupWords: ['石化', '新材料', '化工'],
    subsidiaryWords: ['新材料', '高分子材料', '精细化工', '改性塑料', '化工贸易', '特种材料', '碳纤维科技', '环保材料'],
    districts: ['440112', '440115'],
  },
  {
    code: 'C03',
    nameZh: '现代高端装备',
    nameEn: 'Modern high-end equipment',
    field: 'F06',
    groupWords: ['装备', '重工', '机电'],
    subsidiaryWords: ['智能装备', '精密机械', '数控科技', '电气设备', '工程技术', '检测设备', '液压科技', '传动科技'],
    districts: ['440112', '440115', '440111', '440113'],
  },
  {
    code: 'C04',
    nameZh: '超高清视频和新型显示',
    nameEn: 'Ultra-HD video and new displays',
    field: 'F01',
    groupWords: ['显示', '视讯', '光电'],
    subsidiaryWords: ['显示科技', '光电科技', '视讯技术', '面板科技', '电子材料', '影像科技', '触控科技'],
    districts: ['440112', '440118', '440106'],
  },
  {
    code: 'C05',
    nameZh: '软件和信创',
    nameEn: 'Software and IT application innovation',
    field: 'F01',
    groupWords: ['软件', '信息', '数智'],
    subsidiaryWords: ['软件科技', '信息技术', '数据科技', '云计算科技', '网络安全', '系统集成', '信创科技'],
    districts: ['440106', '440105', '440112'],
  },
  {
    code: 'C06',
    nameZh: '人工智能',
    nameEn: 'Artificial intelligence',
    field: 'F02',
    groupWords: ['智能', '智能科技', '人工智能'],
    subsidiaryWords: ['智能科技', '视觉科技', '语音科技', '算力科技', '机器人科技', '数据标注', '智能终端'],
    districts: ['440106', '440105', '440113'],
  },
  {
    code: 'C07',
    nameZh: '半导体与集成电路',
    nameEn: 'Semiconductors and integrated circuits',
    field: 'F10',
    groupWords: ['半导体', '微电子', '芯片'],
    subsidiaryWords: ['半导体', '微电子', '芯片设计', '封装测试', '电子材料', '晶圆科技', '功率器件'],
    districts: ['440112', '440118', '440115'],
  },
  {
    code: 'C08',
    nameZh: '生物医药与健康',
    nameEn: 'Biomedicine and health',
    field: 'F03',
    groupWords: ['医药', '生物医药', '药业'],
    subsidiaryWords: ['制药', '生物科技', '医药贸易', '中药饮片', '医药研究院', '疫苗科技', '健康科技', '医药物流'],
    districts: ['440112', '440104', '440111', '440106'],
  },
  {
    code: 'C09',
    nameZh: '数字创意',
    nameEn: 'Digital creative industries',
    field: 'F11',
    groupWords: ['互动娱乐', '数字文化', '文化科技'],
    subsidiaryWords: ['网络科技', '动漫科技', '游戏科技', '影视科技', '数字科技', '电竞科技', '文化传播'],
    districts: ['440106', '440105', '440104'],
  },
  {
    code: 'C10',
    nameZh: '时尚产业',
    nameEn: 'Fashion industry',
    field: 'F04',
    groupWords: ['时尚', '美妆', '服饰'],
    subsidiaryWords: ['化妆品', '服饰', '珠宝首饰', '日化科技', '皮具', '纺织科技', '品牌管理'],
    districts: ['440111', '440113', '440105', '440114'],
  },
  {
    code: 'C11',
    nameZh: '现代都市消费工业',
    nameEn: 'Modern urban consumer goods industry',
    field: 'F09',
    groupWords: ['食品', '饮料', '轻工'],
    subsidiaryWords: ['食品', '饮料', '食品科技', '冷链物流', '包装科技', '调味品', '烘焙食品'],
    districts: ['440111', '440113', '440114', '440118'],
  },
  {
    code: 'C12',
    nameZh: '轨道交通',
    nameEn: 'Rail transit',
    field: 'F06',
    groupWords: ['轨道交通', '轨道', '交通装备'],
    subsidiaryWords: ['轨道交通科技', '信号技术', '车辆装备', '运维科技', '供电技术', '轨道工程'],
    districts: ['440114', '440112', '440106'],
  },
  {
    code: 'C13',
    nameZh: '新能源与节能环保',
    nameEn: 'New energy, energy conservation and environmental protection',
    field: 'F05',
    groupWords: ['能源', '新能源', '电力'],
    subsidiaryWords: ['新能源', '储能科技', '氢能科技', '光伏科技', '节能科技', '环保科技', '综合能源'],
    districts: ['440115', '440112', '440106'],
  },
  {
    code: 'C14',
    nameZh: '建筑业和规划设计',
    nameEn: 'Construction, planning and design',
    field: 'F12',
    groupWords: ['建筑', '建工', '城建'],
    subsidiaryWords: ['建筑科技', '规划设计', '勘察设计', '装配式建筑', '工程咨询', '市政工程', '建筑工程'],
    districts: ['440111', '440112', '440103'],
  },
  {
    code: 'C15',
    nameZh: '智能装备与机器人',
    nameEn: 'Intelligent equipment and robotics',
    field: 'F06',
    groupWords: ['机器人', '智能装备', '自动化'],
    subsidiaryWords: ['机器人', '智能装备', '自动化设备', '伺服科技', '减速器', '激光科技', '视觉检测'],
    districts: ['440112', '440113', '440115'],
  },
  {
    code: 'C16',
    nameZh: '现代金融',
    nameEn: 'Modern finance',
    field: 'F01',
    groupWords: ['金融', '金控', '金融科技'],
    subsidiaryWords: ['金融科技', '融资租赁', '支付科技', '金融信息服务', '数据科技', '保险科技', '供应链金融'],
    districts: ['440106', '440112', '440111'],
  },
  {
    code: 'C17',
    nameZh: '船舶与海洋工程装备',
    nameEn: 'Ships and offshore engineering equipment',
    field: 'F08',
    groupWords: ['船舶', '海洋工程', '海工'],
    subsidiaryWords: ['船舶工程', '海洋装备', '船舶设计', '港机设备', '海洋科技', '修船'],
    districts: ['440115', '440105'],
  },
  {
    code: 'C18',
    nameZh: '航空与卫星应用',
    nameEn: 'Aviation and satellite applications',
    field: 'F06',
    groupWords: ['航空', '航天', '空天'],
    subsidiaryWords: ['航空科技', '卫星导航', '无人机', '航空维修', '遥感技术', '低空科技'],
    districts: ['440111', '440114', '440112'],
  },
  {
    code: 'C19',
    nameZh: '高端医疗器械',
    nameEn: 'High-end medical devices',
    field: 'F03',
    groupWords: ['医疗', '医疗科技', '医疗器械'],
    subsidiaryWords: ['医疗器械', '医学影像', '体外诊断', '生物材料', '康复科技', '医疗科技'],
    districts: ['440112', '440106', '440113'],
  },
  {
    code: 'C20',
    nameZh: '定制家居',
    nameEn: 'Custom home furnishings',
    field: 'F02',
    groupWords: ['家居', '电器', '智能家居'],
    subsidiaryWords: ['家居', '智能家电', '定制家居', '照明科技', '家居材料', '物联科技'],
    districts: ['440111', '440113', '440118', '440114'],
  },
  {
    code: 'C21',
    nameZh: '现代种业与精准农业',
    nameEn: 'Modern seed industry and precision agriculture',
    field: 'F09',
    groupWords: ['农业', '种业', '农牧'],
    subsidiaryWords: ['种业科技', '农业科技', '生物农业', '饲料', '农产品', '智慧农业'],
    districts: ['440117', '440118', '440114', '440115'],
  },
];
