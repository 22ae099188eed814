/**
 * A request validation failure in the reader's language, naming the field: zod's own messages are
 * English library text ("Invalid input: expected number, received string") and must not reach a user.
 * The message is built from the code and parameters; the field is named from its last path
 * segment (a table of the API's field names) or, failing that, by its position.
 */
type Lang = 'zh' | 'en';

const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  title: { zh: '标题', en: 'title' },
  titleZh: { zh: '中文标题', en: 'Chinese title' },
  titleEn: { zh: '英文标题', en: 'English title' },
  name: { zh: '名称', en: 'name' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  summary: { zh: '摘要', en: 'summary' },
  reason: { zh: '理由', en: 'reason' },
  comment: { zh: '意见', en: 'comment' },
  note: { zh: '备注', en: 'note' },
  year: { zh: '年度', en: 'year' },
  email: { zh: '电子邮箱', en: 'email' },
  password: { zh: '密码', en: 'password' },
  uscc: { zh: '统一社会信用代码', en: 'unified social credit code' },
  orgName: { zh: '单位名称', en: 'organisation name' },
  regionCode: { zh: '所在地区', en: 'region' },
  address: { zh: '地址', en: 'address' },
  fieldCode: { zh: '技术领域', en: 'field' },
  fieldCodes: { zh: '技术领域', en: 'fields' },
  direction: { zh: '研究方向', en: 'research direction' },
  track: { zh: '申报类别', en: 'track' },
  status: { zh: '状态', en: 'status' },
  role: { zh: '角色', en: 'role' },
  roles: { zh: '角色', en: 'roles' },
  budget: { zh: '预算', en: 'budget' },
  cityFunds: { zh: '市财政经费', en: 'city funds' },
  selfFunds: { zh: '自筹经费', en: 'self-raised funds' },
  amount: { zh: '金额', en: 'amount' },
  socialCapital: { zh: '社会资本投入', en: 'social capital' },
  score: { zh: '评分', en: 'score' },
  scores: { zh: '评分', en: 'scores' },
  loadCap: { zh: '评审上限', en: 'review limit' },
  keywords: { zh: '关键词', en: 'keywords' },
  startDate: { zh: '开始日期', en: 'start date' },
  endDate: { zh: '结束日期', en: 'end date' },
  completedOn: { zh: '完成日期', en: 'completion date' },
  opensAt: { zh: '开始时间', en: 'opening time' },
  closesAt: { zh: '截止时间', en: 'closing time' },
  date: { zh: '日期', en: 'date' },
  position: { zh: '职务', en: 'position' },
  titleName: { zh: '职称', en: 'professional title' },
  titleLevel: { zh: '职称级别', en: 'title level' },
  phone: { zh: '联系电话', en: 'phone' },
  contact: { zh: '联系人', en: 'contact' },
  keyword: { zh: '关键词', en: 'keyword' },
  q: { zh: '搜索内容', en: 'search text' },
  page: { zh: '页码', en: 'page' },
  pageSize: { zh: '每页条数', en: 'page size' },
  planId: { zh: '年度计划', en: 'plan' },
  chainId: { zh: '产业链', en: 'industry chain' },
  orgId: { zh: '单位', en: 'organisation' },
  personId: { zh: '人员', en: 'person' },
  nationalId: { zh: '国家项目编号', en: 'national record' },
  implementationPlan: { zh: '成果落地实施方案', en: 'industrialisation plan' },
  objective: { zh: '目标', en: 'objective' },
  criteria: { zh: '评分标准', en: 'criteria' },
  participants: { zh: '参与单位', en: 'participating units' },
  units: { zh: '参与单位', en: 'units' },
  team: { zh: '项目团队', en: 'team' },
  file: { zh: '文件', en: 'file' },
  filename: { zh: '文件名', en: 'file name' },
};

const TYPES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是或否', en: 'yes or no' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '一组信息', en: 'a set of values' },
  date: { zh: '日期', en: 'a date' },
};

function fieldName(path: readonly string[], lang: Lang): string {
  const named = [...path].reverse().find((p) => !/^\d+$/.test(p) && FIELD_NAMES[p]);
  const row = path.find((p) => /^\d+$/.test(p));
  const base = named ? FIELD_NAMES[named]![lang] : null;
  if (base && row !== undefined) return lang === 'zh' ? `第 ${Number(row) + 1} 行的${base}` : `the ${base} in row ${Number(row) + 1}`;
  if (base) return lang === 'zh' ? `“${base}”` : `the ${base}`;
  return lang === 'zh' ? '所填内容' : 'a value';
}

function num(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
}

/**
 * One validation issue (zod's code and parameters) as a sentence in `lang`. A schema's own message
 * (a refinement's) is kept when it is already in the reader's language.
 */
export function validationText(
  code: string,
  params: Record<string, unknown>,
  path: readonly string[],
  lang: Lang,
  message?: string,
): string {
  const f = fieldName(path, lang);
  const zh = lang === 'zh';
  const origin = typeof params.origin === 'string' ? params.origin : '';
  const text = origin === 'string';
  const list = origin === 'array' || origin === 'set';
  switch (code) {
    case 'invalid_type': {
      // zod leaves the input out of its issues; its own message says when nothing was given.
      if (params.received === 'undefined' || /received undefined/.test(message ?? '')) return zh ? `请填写${f}` : `Please give ${f}`;
      const want = TYPES[String(params.expected)];
      return want ? (zh ? `${f}应为${want.zh}` : `${f} must be ${want.en}`) : zh ? `${f}的格式不正确` : `${f} is not in the right form`;
    }
    case 'too_small':
      if (text)
        return Number(params.minimum) <= 1
          ? zh
            ? `请填写${f}`
            : `Please give ${f}`
          : zh
            ? `${f}至少 ${num(params.minimum)} 个字`
            : `${f} needs at least ${num(params.minimum)} characters`;
      if (list) return zh ? `${f}至少需要 ${num(params.minimum)} 项` : `${f} needs at least ${num(params.minimum)} entries`;
      return zh ? `${f}不能小于 ${num(params.minimum)}` : `${f} must be at least ${num(params.minimum)}`;
    case 'too_big':
      if (text) return zh ? `${f}最多 ${num(params.maximum)} 个字` : `${f} may have at most ${num(params.maximum)} characters`;
      if (list) return zh ? `${f}最多 ${num(params.maximum)} 项` : `${f} may have at most ${num(params.maximum)} entries`;
      return zh ? `${f}不能大于 ${num(params.maximum)}` : `${f} must be at most ${num(params.maximum)}`;
    case 'invalid_format':
      if (params.format === 'email') return zh ? `${f}不是有效的电子邮箱地址` : `${f} is not a valid email address`;
      return zh ? `${f}的格式不正确` : `${f} is not in the right form`;
    case 'invalid_value':
      return zh ? `${f}不在可选范围内` : `${f} is not one of the allowed choices`;
    case 'not_multiple_of':
      return zh ? `${f}应为 ${num(params.divisor)} 的整数倍` : `${f} must be a multiple of ${num(params.divisor)}`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(params.keys) ? params.keys.join(', ') : '';
      return zh ? `提交了系统不认识的内容：${keys}` : `The request holds values the system does not know: ${keys}`;
    }
    default:
      if (message && /[\u4e00-\u9fff]/.test(message) === zh) return message;
      return zh ? `${f}无效` : `${f} is not valid`;
  }
}
