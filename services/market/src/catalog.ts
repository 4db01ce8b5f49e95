import type { CatalogItem } from '@onewindow/kit';

/** 市场监督管理局's approval items, as published in the county's catalog (政务服务事项目录). */
export const catalog: readonly CatalogItem[] = [
  {
    code: '000132001000',
    name: '企业设立登记',
    kind: 'PROMISED',
    implementingBody: '县市场监督管理局',
    legalBasis:
      '《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条、第十九条；《中华人民共和国市场主体登记管理条例实施细则》',
    // 市场主体登记管理条例 §19: 当场登记, or within 3 working days (3 more with the head's approval).
    statutoryLimitDays: 3,
    committedLimitDays: 1,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '企业名称已通过名称自主申报系统申报且符合名称登记管理规定；住所（经营场所）真实、合法，投资人、法定代表人及董事、监事、高级管理人员不存在法律、行政法规规定不得担任的情形；申请材料齐全、符合法定形式。',
    process:
      '申请（通过“企业开办一网通办”平台或综合窗口提交）—受理（材料齐全、符合法定形式的当场受理）—审查（对申请材料进行形式审查）—决定（当场登记；不能当场登记的3个工作日内予以登记）—送达（核发纸质营业执照和电子营业执照，同步办理印章刻制、发票申领、社保登记）',
    materials: [
      { name: '《公司登记（备案）申请书》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '公司章程', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '股东的主体资格文件或者自然人身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '法定代表人、董事、监事和高级管理人员的任职文件及身份证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '住所（经营场所）使用相关文件或住所申报承诺书', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '指定代表或者共同委托代理人授权委托书及被委托人身份证明', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: true },
    ],
  },
  {
    code: '000132002000',
    name: '企业变更登记',
    kind: 'PROMISED',
    implementingBody: '县市场监督管理局',
    legalBasis: '《中华人民共和国市场主体登记管理条例》第十九条、第二十四条；《中华人民共和国市场主体登记管理条例实施细则》',
    // 市场主体登记管理条例 §19: 当场登记, or within 3 working days (3 more with the head's approval).
    statutoryLimitDays: 3,
    committedLimitDays: 1,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '企业已依法作出变更决议或者决定，变更后的登记事项符合法律、行政法规规定；应当自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记；依法须经批准的变更事项已取得批准文件。',
    process:
      '申请（线上全程电子化或窗口提交）—受理—审查（形式审查）—决定（当场或3个工作日内予以变更登记）—送达（换发营业执照，电子营业执照同步更新）',
    materials: [
      { name: '《公司登记（备案）申请书》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '依法作出的变更决议或者决定', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '修改后的公司章程或者章程修正案（变更事项涉及章程的）', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
      { name: '与变更登记事项相关的证明文件', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
      { name: '营业执照正本、副本', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: false },
    ],
  },
  {
    code: '000132003000',
    name: '企业注销登记',
    kind: 'PROMISED',
    implementingBody: '县市场监督管理局',
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三十一条、第三十二条、第三十三条；《中华人民共和国市场主体登记管理条例实施细则》',
    // 市场主体登记管理条例 §19: 当场登记, or within 3 working days (3 more with the head's approval).
    statutoryLimitDays: 3,
    committedLimitDays: 1,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '企业因解散、被宣告破产或者其他法定事由需要终止，已依法完成清算并公告；适用简易注销的，全体投资人已书面承诺对债权债务清偿完结并经20日公示无异议；已结清应缴税款并取得清税信息。',
    process:
      '申请（通过企业注销“一网服务”平台或窗口提交）—受理—审查（核查清税信息、公示异议情况）—决定（准予注销登记）—送达（出具准予注销登记通知书，收缴营业执照）',
    materials: [
      { name: '《企业注销登记申请书》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '依法作出解散的决议或者决定，或者人民法院的破产裁定、解散裁判文书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '经确认的清算报告（简易注销的提交全体投资人承诺书）', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '清税证明（税务部门信息共享，无需申请人提交纸质件）', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '营业执照正本、副本', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: false },
    ],
  },
  {
    code: '000132004000',
    name: '个体工商户登记',
    kind: 'IMMEDIATE',
    implementingBody: '县市场监督管理局',
    legalBasis: '《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》第三条、第十九条',
    statutoryLimitDays: 3,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '有经营能力的公民从事工商业经营；经营场所真实、合法，经营范围不属于法律、行政法规禁止的项目；申请材料齐全、符合法定形式的当场登记。',
    process:
      '申请（窗口或手机端提交）—受理（当场受理）—审查（形式审查）—决定（当场登记）—送达（当场发放营业执照）',
    materials: [
      { name: '《个体工商户登记（备案）申请书》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '经营者身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '经营场所使用相关文件或住所申报承诺书', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '委托代理人授权委托书及被委托人身份证明', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: true },
    ],
  },
  {
    code: '000132005000',
    name: '食品经营许可',
    kind: 'PROMISED',
    implementingBody: '县市场监督管理局',
    legalBasis:
      '《中华人民共和国食品安全法》第三十三条、第三十五条；《中华人民共和国行政许可法》第四十二条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）',
    // 办法 (令第78号, 2023): 10 working days, down from the 20 of the 2015 办法 (recalled; the article not checked).
    statutoryLimitDays: 10,
    committedLimitDays: 3,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '具有与经营的食品品种、数量相适应的经营场所，保持场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离；具有相应的设备设施和专职或者兼职的食品安全管理人员，以及保证食品安全的规章制度；设备布局和工艺流程合理，防止交叉污染。',
    process:
      '申请（线上或窗口提交）—受理—审查（材料审查，需要核实实质内容的进行现场核查）—决定（准予或者不予许可）—送达（核发食品经营许可证，可选电子证书或邮寄）',
    materials: [
      { name: '《食品经营许可申请书》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '营业执照或者其他主体资格证明文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '法定代表人（负责人）及食品安全管理人员身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '委托代理人授权委托书及被委托人身份证明', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: true },
    ],
  },
  {
    code: '000132006000',
    name: '仅销售预包装食品备案',
    kind: 'IMMEDIATE',
    implementingBody: '县市场监督管理局',
    legalBasis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）',
    statutoryLimitDays: 0,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions: '已取得营业执照等合法主体资格，经营项目仅为销售预包装食品；备案信息真实、完整。',
    process: '申请（线上填报备案信息）—受理—核对（信息齐全即予备案）—备案（当场生成备案编号）—公开（备案信息向社会公开）',
    materials: [
      { name: '《仅销售预包装食品备案信息采集表》', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: true },
      { name: '营业执照或者其他主体资格证明文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '经营者（负责人）身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000132007000',
    name: '特种设备使用登记',
    kind: 'PROMISED',
    implementingBody: '县市场监督管理局',
    legalBasis: '《中华人民共和国特种设备安全法》第三十三条；《特种设备使用管理规则》（TSG 08—2017）',
    // TSG 08: 15 working days to register (recalled; not checked against the current rules).
    statutoryLimitDays: 15,
    committedLimitDays: 3,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '特种设备已按安全技术规范要求经监督检验或者定期检验合格；使用单位在设备投入使用前或者投入使用后30日内申请办理；使用单位已配备相应的安全管理人员和作业人员并建立安全管理制度。',
    process:
      '申请（线上或窗口提交）—受理—审查（核对产品合格证明、监督检验证明等资料）—决定（准予登记）—送达（核发《特种设备使用登记证》及使用登记标志）',
    materials: [
      { name: '《特种设备使用登记表》', original: true, copies: 2, required: true, form: 'PAPER', blankFormAvailable: true },
      { name: '使用单位统一社会信用代码证明或者个人身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '特种设备产品合格证（含产品数据表）', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '特种设备监督检验证明（安装监督检验）', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '锅炉能效测试报告（锅炉类设备）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000132008000',
    name: '药品零售企业许可',
    kind: 'PROMISED',
    implementingBody: '县市场监督管理局',
    legalBasis: '《中华人民共和国药品管理法》第五十一条、第五十二条；《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）',
    // 行政许可法 §42's 20 working days; 令第84号's own limit for a retail licence not checked.
    statutoryLimitDays: 20,
    committedLimitDays: 10,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '具有依法经过资格认定的药师或者其他药学技术人员；具有与所经营药品相适应的营业场所、设备、陈列和仓储设施以及卫生环境；具有与所经营药品相适应的质量管理机构或者人员，并有保证药品质量的规章制度，符合药品经营质量管理规范要求。',
    process:
      '申请（线上或窗口提交）—受理—审查（材料审查，组织现场检查）—决定（准予或者不予许可）—送达（核发《药品经营许可证》）',
    materials: [
      { name: '《药品经营许可证申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '营业执照', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '营业场所、仓库的地理位置图、平面布局图及房屋产权或者使用权证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '执业药师或者其他药学技术人员资格证书及注册证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '企业负责人、质量负责人身份证明、学历及执业资格证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '药品质量管理制度文件目录', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
];
