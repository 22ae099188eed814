/** Visible strings of the map pages, in Chinese and English (merged into the app's MESSAGES). */
export const MAP_MESSAGES = {
  // Menu
  'map.menu': { zh: '企业与人才地图', en: 'Map of enterprises and talent' },
  'map.menuHint': {
    zh: '国家重点研发计划承担单位与团队的分布、合作与招引线索',
    en: 'Who does the national key research: fields, regions, collaboration and attraction leads',
  },
  'map.title': { zh: '企业与人才团队地图', en: 'Map of enterprises and talent teams' },

  // Filters
  'map.filter.field': { zh: '领域', en: 'Field' },
  'map.filter.chain': { zh: '产业链', en: 'Industry chain' },
  'map.filter.region': { zh: '地区', en: 'Region' },
  'map.filter.yearFrom': { zh: '起始年度', en: 'From year' },
  'map.filter.yearTo': { zh: '截止年度', en: 'To year' },
  'map.filter.kind': { zh: '记录类别', en: 'Record kind' },
  'map.filter.reset': { zh: '重置', en: 'Reset' },
  'map.inGuangzhou': { zh: '广州市', en: 'Guangzhou' },
  'map.outsideGuangzhou': { zh: '市外', en: 'Outside Guangzhou' },
  'map.provinces': { zh: '省级行政区', en: 'Provinces' },

  // Figures
  'map.applications': { zh: '申报', en: 'Applications' },
  'map.projects': { zh: '立项', en: 'Projects' },
  'map.approved': { zh: '获批申报', en: 'Approved applications' },
  'map.units': { zh: '单位数', en: 'Units' },
  'map.budget': { zh: '项目经费', en: 'Project budget' },
  'map.budgetLed': { zh: '牵头项目经费', en: 'Budget of projects led' },
  'map.leads': { zh: '牵头', en: 'Leads' },
  'map.participations': { zh: '参与', en: 'Participations' },
  'map.export': { zh: '导出 Excel', en: 'Export to xlsx' },

  // Charts
  'map.chart.fieldChain': { zh: '按领域 / 产业链', en: 'By field / chain' },
  'map.chart.region': { zh: '按地区（广州按区，市外按省）', en: 'By region (Guangzhou districts, provinces elsewhere)' },
  'map.chart.year': { zh: '按年度', en: 'By year' },
  'map.byField': { zh: '领域', en: 'Field' },
  'map.byChain': { zh: '产业链', en: 'Chain' },

  // Units
  'map.topUnits': { zh: '重点承担单位', en: 'Top units' },
  'map.unit': { zh: '单位', en: 'Unit' },
  'map.region': { zh: '地区', en: 'Region' },
  'map.orgTypeLabel': { zh: '单位类型', en: 'Type' },
  'map.linked': { zh: '已关联', en: 'Linked' },
  'map.orgType.enterprise': { zh: '企业', en: 'Enterprise' },
  'map.orgType.university': { zh: '高校', en: 'University' },
  'map.orgType.research_institute': { zh: '科研院所', en: 'Research institute' },
  'map.orgType.medical_institution': { zh: '医疗卫生机构', en: 'Medical institution' },
  'map.orgType.other': { zh: '其他', en: 'Other' },

  // Network
  'map.network': { zh: '单位合作网络', en: 'Collaboration network' },
  'map.network.edges': { zh: '显示合作关系数', en: 'Links shown' },
  'map.network.shown': {
    zh: '共同承担或申报的单位之间的合作：显示最强的 {shown} 条（共 {total} 条）',
    en: 'Units named on the same record: the {shown} strongest links of {total}',
  },

  // Attraction
  'map.attraction': { zh: '招引候选（市外团队）', en: 'Attraction candidates (outside Guangzhou)' },
  'map.attraction.hint': {
    zh: '在本市重点产业链所属领域实力较强的市外单位与团队，按评分排序；展开一行查看评分依据。',
    en: "Units and teams outside Guangzhou strong in the fields of the city's chains, ranked by score; expand a row for the evidence.",
  },
  'map.attraction.fields': { zh: '领域：{fields}；参考年度 {year}。', en: 'Fields: {fields}; reference year {year}.' },
  'map.attraction.formula': {
    zh: '评分 = Σ 0.8^(参考年度−记录年度) × 记录得分 + 2 × ln(1 + (牵头项目经费 + ½ 参与项目经费) / 100 万元) + 骨干人员数（至多 10）；记录得分：牵头项目 5、参与项目 2、牵头申报 2、参与申报 1，申报获批 +2，进入最后一轮答辩未获批 +0.5。',
    en: 'Score = Σ 0.8^(reference year − record year) × record points + 2 × ln(1 + (budget of projects led + ½ budget of projects joined) / 1 million yuan) + key people (at most 10); record points: project lead 5, project participant 2, application lead 2, application participant 1, +2 if approved, +0.5 if it reached the final defence without approval.',
  },
  'map.rank': { zh: '排名', en: 'Rank' },
  'map.score': { zh: '评分', en: 'Score' },
  'map.projectsLedJoined': { zh: '项目 牵头/参与', en: 'Projects led / joined' },
  'map.applicationsLedJoined': { zh: '申报 牵头/参与', en: 'Applications led / joined' },
  'map.keyPeople': { zh: '骨干人员', en: 'Key people' },
  'map.lastYear': { zh: '最近年度', en: 'Latest year' },
  'map.year': { zh: '年度', en: 'Year' },
  'map.field': { zh: '领域', en: 'Field' },
  'map.programme': { zh: '重点专项', en: 'Programme' },
  'map.direction': { zh: '指南方向', en: 'Direction' },
  'map.evidence.nationalId': { zh: '编号', en: 'National id' },
  'map.evidence.title': { zh: '名称', en: 'Title' },
  'map.evidence.role': { zh: '角色', en: 'Role' },
  'map.evidence.outcome': { zh: '结果', en: 'Outcome' },
  'map.evidence.points': { zh: '得分', en: 'Points' },
  'map.evidence.project': { zh: '立项', en: 'Project' },
  'map.evidence.approved': { zh: '申报获批', en: 'Approved' },
  'map.evidence.finalDefence': { zh: '最后一轮答辩未获批', en: 'Final defence, not approved' },
  'map.evidence.notApproved': { zh: '未获批 / 评审中', en: 'Not approved / pending' },
  'map.evidence.more': { zh: '显示得分最高的 {shown} 条（共 {total} 条）', en: 'The {shown} highest-scoring of {total} records' },
  'map.role.lead': { zh: '牵头', en: 'Lead' },
  'map.role.participant': { zh: '参与', en: 'Participant' },

  // Backfill
  'map.backfill': { zh: '递补候选（3.2）', en: 'Backfill candidates (3.2)' },
  'map.backfill.year': { zh: '国家申报年度', en: 'National application year' },
  'map.backfill.hint': {
    zh: '在穗单位作为第一申报单位、进入最后一轮答辩但未获批的国家重点研发计划申报（3.2.b–d）。',
    en: 'Guangzhou units that were the first applicant of a national application that reached the final defence without approval (3.2.b–d).',
  },
  'map.backfill.eligibleType': { zh: '单位类型（3.2.a）', en: 'Unit type (3.2.a)' },
  'map.backfill.typeOk': { zh: '企业或医疗卫生机构', en: 'Enterprise or medical institution' },
  'map.backfill.typeNo': { zh: '不符合', en: 'Not eligible' },
  'map.backfill.records': { zh: '申报数', en: 'Applications' },
} as const;
