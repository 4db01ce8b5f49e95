import type { CatalogItem } from '@onewindow/kit';

/** 税务局's approval items, as published in the county's catalog (政务服务事项目录). */
export const catalog: readonly CatalogItem[] = [
  {
    code: '000120001000',
    name: '“多证合一”登记信息确认',
    kind: 'IMMEDIATE',
    implementingBody: '县税务局',
    legalBasis: '《中华人民共和国税收征收管理法》第十五条；《中华人民共和国税收征收管理法实施细则》第十二条；《税务登记管理办法》',
    statutoryLimitDays: 0,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '已领取“多证合一”营业执照的企业、个体工商户等纳税人，首次办理涉税事宜时对市场监管部门共享的登记信息进行确认，并补充完善财务负责人、核算方式等涉税信息。',
    process: '申请（电子税务局或者办税服务厅提交）—受理—核对（核对共享登记信息与补充信息）—确认（即时办结）—反馈（生成纳税人识别号及主管税务机关信息）',
    materials: [
      { name: '营业执照（市场监管部门信息共享）', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '经办人身份证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '《“多证合一”登记信息确认表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '生产经营地址的不动产权属证书或者租赁协议（与注册地址不一致的）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000120002000',
    // 数电票 are not 领用: the 电子发票服务平台 grants a 发票总额度 (see 000120005000). Only paper invoices still are.
    name: '发票领用（纸质发票）',
    kind: 'IMMEDIATE',
    implementingBody: '县税务局',
    legalBasis: '《中华人民共和国发票管理办法》（2023年修订）第十五条；《中华人民共和国发票管理办法实施细则》',
    // 办法 §15 (2023): 在5个工作日内确认领用发票的种类、数量以及领用方式 (the old 细则 §15 had the same 5 days).
    statutoryLimitDays: 5,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '纳税人已完成登记信息确认，确需使用纸质发票（开具数电票的无需领用）；无未办结的涉税违法行为；已刻制发票专用章并提供印模。',
    process:
      '申请（电子税务局、自助办税终端或者窗口提交）—受理—审核（确认领用发票的种类、数量以及领用方式，核对用票情况）—发放（当场发放或者邮寄送达）',
    materials: [
      { name: '经办人身份证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '发票专用章印模（首次领用纸质发票的）', original: true, copies: 1, required: false, form: 'PAPER', blankFormAvailable: false },
      { name: '《纸质发票票种核定表》（首次领用或者调整票种的）', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: true },
    ],
  },
  {
    code: '000120003000',
    name: '存量房交易税费申报',
    kind: 'IMMEDIATE',
    implementingBody: '县税务局',
    legalBasis:
      '《中华人民共和国契税法》第九条、第十条；《中华人民共和国个人所得税法》第二条；《中华人民共和国税收征收管理法》第三十五条',
    statutoryLimitDays: 0,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '买卖双方已签订存量房买卖合同或者取得其他具有房屋权属转移合同性质的凭证，在办理不动产转移登记前申报缴纳契税、个人所得税、增值税等相关税费；申报的计税价格明显偏低且无正当理由的，由税务机关依法核定。',
    process:
      '申请（不动产登记大厅“一窗受理”或者线上提交）—受理—审核（核对交易信息，评估计税价格，审核减免税条件）—征收（当场缴纳税款）—送达（开具完税凭证，信息推送不动产登记机构）',
    materials: [
      { name: '存量房买卖合同', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '买卖双方身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '不动产权属证书', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '享受契税家庭住房优惠的家庭住房情况查询结果', original: false, copies: 1, required: false, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '原购房发票及契税完税凭证（个人所得税据实征收的）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000120004000',
    name: '开具税收完税证明',
    kind: 'IMMEDIATE',
    implementingBody: '县税务局',
    legalBasis: '《中华人民共和国税收征收管理法》第三十四条；《中华人民共和国税收征收管理法实施细则》第四十五条；《税收票证管理办法》',
    statutoryLimitDays: 0,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions: '纳税人已缴纳税款（含通过横向联网电子缴税系统、银行端查询缴税等方式缴纳），需要开具完税证明证实其纳税情况。',
    process: '申请（电子税务局、自助办税终端或者窗口提交）—受理—核对（查询税款入库信息）—开具（当场出具税收完税证明）',
    materials: [
      { name: '经办人身份证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '原完税凭证（需要换开的）', original: true, copies: 1, required: false, form: 'PAPER', blankFormAvailable: false },
    ],
  },
  {
    code: '000120005000',
    // Formerly 增值税专用发票（增值税税控系统）最高开票限额审批: with 数电票 in use everywhere since 1 December
    // 2024 (国家税务总局公告2024年第11号), invoicing is bounded by the 发票总额度 the platform grants, which a
    // taxpayer asks to raise. No statutory limit was found for the 调整; the licence's 20 working days
    // (行政许可法 §42) are kept as the ceiling.
    name: '数电票开票额度调整',
    kind: 'PROMISED',
    implementingBody: '县税务局',
    legalBasis:
      '《中华人民共和国发票管理办法》（2023年修订）；《国家税务总局关于推广应用全面数字化电子发票的公告》（国家税务总局公告2024年第11号）',
    statutoryLimitDays: 20,
    committedLimitDays: 5,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '纳税人通过电子发票服务平台开具全面数字化的电子发票（数电票），因经营情况变化，系统赋予及自动调整后的发票总额度不能满足开票需要，申请临时或者长期调增发票总额度。',
    process:
      '申请（电子税务局“发票额度调整申请”或者窗口提交）—受理—审核（结合纳税人税收风险程度、纳税信用级别和实际经营情况核实）—决定（调整或者不予调整发票总额度）—送达（电子发票服务平台即时生效并告知纳税人）',
    materials: [
      { name: '《发票额度调整申请》（申请调整额度、有效期及理由）', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '经办人身份证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '购销合同或者经营情况说明', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000120006000',
    name: '对纳税人延期申报的核准',
    kind: 'PROMISED',
    implementingBody: '县税务局',
    legalBasis: '《中华人民共和国税收征收管理法》第二十七条；《中华人民共和国税收征收管理法实施细则》第三十七条；《中华人民共和国行政许可法》第四十二条',
    // 细则 §37 sets no time to decide; a 税务行政许可, so 行政许可法 §42's 20 working days.
    statutoryLimitDays: 20,
    committedLimitDays: 5,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '纳税人、扣缴义务人按照规定的期限办理纳税申报或者报送代扣代缴、代收代缴税款报告表确有困难，或者因不可抗力不能按期办理，在规定的期限内提出书面延期申请；经核准延期的，应当在纳税期内按照上期实际缴纳的税额或者税务机关核定的税额预缴税款。',
    process: '申请—受理—审查（核实延期理由）—决定（核准或者不予核准延期期限）—送达（出具税务事项通知书）',
    materials: [
      { name: '《延期申报申请核准表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '确有困难不能按期办理纳税申报的情况说明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '不可抗力情形的证明材料（因不可抗力申请的）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000120007000',
    name: '对纳税人延期缴纳税款的核准',
    kind: 'REPORTED',
    implementingBody: '省税务局',
    legalBasis: '《中华人民共和国税收征收管理法》第三十一条；《中华人民共和国税收征收管理法实施细则》第四十一条、第四十二条',
    // 细则 §42: 自收到申请延期缴纳税款报告之日起20日内作出批准或者不予批准的决定.
    statutoryLimitDays: 20,
    committedLimitDays: 15,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '纳税人因不可抗力导致发生较大损失、正常生产经营活动受到较大影响，或者当期货币资金在扣除应付职工工资、社会保险费后不足以缴纳税款，在缴纳税款期限届满前提出申请；延期期限最长不超过三个月。',
    process:
      '申请—受理（县税务局受理并核实资金情况）—上报（报省税务局审批）—决定（批准或者不予批准）—送达（出具税务事项通知书）',
    materials: [
      { name: '《延期缴纳税款申请审批表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '当期货币资金余额情况及所有银行存款账户的对账单', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '资产负债表', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '应付职工工资和社会保险费等税务机关要求提供的支出预算', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '不可抗力情形的证明材料（因不可抗力申请的）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000120008000',
    name: '清税申报（税务注销）',
    kind: 'PROMISED',
    implementingBody: '县税务局',
    legalBasis:
      '《中华人民共和国税收征收管理法》第十六条；《中华人民共和国税收征收管理法实施细则》第十五条、第十六条；《国家税务总局关于深化“放管服”改革更大力度推进优化税务注销办理程序工作的通知》（税总发〔2019〕64号）',
    // No statutory limit to decide was found (征管法 and 细则 set none); 20 working days kept as the ceiling.
    statutoryLimitDays: 20,
    committedLimitDays: 3,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '纳税人已结清应纳税款、多退（免）税款、滞纳金和罚款，缴销发票和其他税务证件；未办理过涉税事宜、未领用发票且无欠税的纳税人，以及符合条件的纳税人可即时办结或者按承诺制容缺办理。',
    process: '申请（电子税务局或者窗口提交）—受理—审查（清理欠税、发票和未结事项）—决定（出具清税文书）—送达（清税信息推送市场监管部门）',
    materials: [
      { name: '《清税申报表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '经办人身份证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '上级主管部门批复文件或者董事会决议', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
      { name: '未验旧、未缴销的纸质发票（领用纸质发票的）', original: true, copies: 1, required: false, form: 'PAPER', blankFormAvailable: false },
    ],
  },
];
