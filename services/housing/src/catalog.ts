import type { CatalogItem } from '@onewindow/kit';

/** 住房和城乡建设局's approval items, as published in the county's catalog (政务服务事项目录). */
export const catalog: readonly CatalogItem[] = [
  {
    code: '000140001000',
    name: '建筑工程施工许可证核发',
    kind: 'JOINT',
    implementingBody: '县住房和城乡建设局',
    legalBasis:
      '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号，根据住房和城乡建设部令第42号修正）第二条、第四条、第五条',
    // 办法 §5 (as amended by 令第42号, 2018): 自收到申请之日起七日内颁发施工许可证 (建筑法 §8 says 15 days; the rule is shorter).
    statutoryLimitDays: 7,
    committedLimitDays: 3,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '已依法办理建设工程用地批准手续，在城市、镇规划区内的已取得建设工程规划许可证；已确定建筑施工企业，有满足施工需要的资金安排、施工图纸及技术资料，有保证工程质量和安全的具体措施；建设资金已经落实。工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证。',
    process:
      '申请（通过工程建设项目审批管理系统并联审批端口提交）—受理—审查（材料审查，必要时现场踏勘）—决定（对符合条件的申请颁发施工许可证）—送达（核发建筑工程施工许可证电子证照）',
    materials: [
      { name: '《建筑工程施工许可证申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '建设工程用地批准手续（不动产权属证书或者其他用地批准文件）', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设工程规划许可证', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '施工合同或者中标通知书', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设资金已经落实承诺书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '施工图设计文件及保证工程质量和安全的具体措施', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000140002000',
    name: '商品房预售许可',
    kind: 'PROMISED',
    implementingBody: '县住房和城乡建设局',
    legalBasis: '《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》第七条',
    // 办法 §7: 自收到商品房预售申请之日起10日内作出同意或者不同意预售的答复 (article recalled, not checked against the official text).
    statutoryLimitDays: 10,
    committedLimitDays: 5,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '已交付全部土地使用权出让金，取得土地使用权证书；持有建设工程规划许可证和施工许可证；按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的25%以上，并已经确定施工进度和竣工交付日期。',
    process:
      '申请（线上或窗口提交）—受理—审查（材料审查，现场查勘工程形象进度）—决定（作出准予或者不予预售的书面决定）—送达（核发商品房预售许可证并向社会公示）',
    materials: [
      { name: '《商品房预售许可申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '开发企业营业执照和房地产开发企业资质证书', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '不动产权属证书（国有建设用地使用权）', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设工程规划许可证和建筑工程施工许可证', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '投入开发建设的资金达到工程建设总投资25%以上的证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '工程施工合同及关于施工进度的说明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '商品房预售方案（含分层平面图）', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000140003000',
    name: '特殊建设工程消防设计审查',
    kind: 'PROMISED',
    implementingBody: '县住房和城乡建设局',
    legalBasis:
      '《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》（住房和城乡建设部令第51号，根据住房和城乡建设部令第58号修正）第十五条、第二十二条',
    // 暂行规定 §22: 自受理之日起十五个工作日内出具书面审查意见; 专家评审 (≤ 20 working days) is a §45 special procedure.
    statutoryLimitDays: 15,
    committedLimitDays: 7,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '属于《建设工程消防设计审查验收管理暂行规定》所列的特殊建设工程；设计单位具有相应资质；消防设计文件符合国家工程建设消防技术标准，采用特殊消防设计的已按规定通过专家评审。',
    process:
      '申请（工程建设项目审批管理系统提交）—受理—审查（技术审查，实行施工图联合审查的并入联合审查）—决定（出具消防设计审查合格或者不合格意见）—送达',
    materials: [
      { name: '《特殊建设工程消防设计审查申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '消防设计文件', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设工程规划许可文件（依法需要办理的）', original: false, copies: 1, required: false, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '临时性建筑批准文件（依法需要批准的）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
      { name: '特殊消防设计技术资料（采用特殊消防设计的）', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000140004000',
    name: '特殊建设工程消防验收',
    kind: 'PROMISED',
    implementingBody: '县住房和城乡建设局',
    legalBasis:
      '《中华人民共和国消防法》第十三条；《建设工程消防设计审查验收管理暂行规定》（住房和城乡建设部令第51号，根据住房和城乡建设部令第58号修正）第四章',
    // 暂行规定, chapter 4: 自受理消防验收申请之日起十五日内出具消防验收意见 (the article number and the 2023 text not checked).
    statutoryLimitDays: 15,
    committedLimitDays: 7,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '特殊建设工程已竣工，建设单位已组织竣工验收，并对工程是否完成消防设计和合同约定的消防各项内容、消防设施性能及系统功能联调联试等进行查验且结果合格。',
    process:
      '申请—受理—审查（资料审查并组织现场评定，可与规划、人防等纳入联合验收）—决定（出具消防验收合格或者不合格意见）—送达',
    materials: [
      { name: '《特殊建设工程消防验收申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '工程竣工验收报告', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '涉及消防的建设工程竣工图纸', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '消防设施检测报告', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000140005000',
    name: '房屋建筑和市政基础设施工程竣工验收备案',
    // A filing, not a licence: 办法 §7 has the 备案机关 sign 文件收讫 once the documents are complete, so it is
    // decided on receipt; the 15 days of 条例 §49 are the builder's time to file, and those of 办法 §8 the
    // filing body's time to order a new acceptance, neither a time to decide.
    kind: 'IMMEDIATE',
    implementingBody: '县住房和城乡建设局',
    legalBasis:
      '《建设工程质量管理条例》第四十九条；《房屋建筑和市政基础设施工程竣工验收备案管理办法》（建设部令第78号，根据住房和城乡建设部令第2号修正）第四条、第七条、第八条',
    statutoryLimitDays: 0,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '建设工程已由建设单位组织勘察、设计、施工、工程监理等单位竣工验收合格，并自竣工验收合格之日起15日内申请备案；依法应当取得的规划核实、特殊建设工程消防验收意见或者其他建设工程消防验收备案凭证等认可文件或者准许使用文件已经取得。',
    process:
      '申请—收件（验证文件齐全后当场在备案表上签署文件收讫，即予备案）—送达（发还一份备案表，存档备查）—监督（发现违反建设工程质量管理规定的，自收讫之日起15日内责令停止使用、重新组织竣工验收）',
    materials: [
      { name: '《房屋建筑和市政基础设施工程竣工验收备案表》', original: true, copies: 2, required: true, form: 'PAPER', blankFormAvailable: true },
      { name: '工程竣工验收报告', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '规划、消防等部门出具的认可文件或者准许使用文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '施工单位签署的工程质量保修书', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '《住宅质量保证书》和《住宅使用说明书》（商品住宅工程）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000140006000',
    name: '城镇污水排入排水管网许可',
    kind: 'PROMISED',
    implementingBody: '县住房和城乡建设局',
    legalBasis: '《城镇排水与污水处理条例》第二十一条；《城镇污水排入排水管网许可管理办法》（住房和城乡建设部令第21号，根据住房和城乡建设部令第56号修正）',
    // 办法 (2022): 自受理申请之日起15日内作出决定 (recalled; the article number not checked, so none is cited).
    statutoryLimitDays: 15,
    committedLimitDays: 5,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '污水排放口的设置符合城镇排水与污水处理规划的要求；排放污水的水质符合国家或者地方规定的有关排放标准；已按照国家有关规定建设相应的预处理设施，并在排放口设置便于采样和水量计量的专用检测井和计量设备。',
    process:
      '申请—受理—审查（对重点排水户进行现场核查，其他排水户抽查）—决定（准予或者不予许可）—送达（核发排水许可证）',
    materials: [
      { name: '《排水许可申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '排水户内部排水管网、专用检测井、雨污水排放口位置和口径的图纸及说明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '按照国家有关规定建设污水预处理设施的有关材料', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '排水隐蔽工程竣工报告或者不存在雨污混接错接的书面承诺书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '排水水质符合相关标准的检测报告或者书面承诺书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
    ],
  },
  {
    code: '000140007000',
    name: '商品房预售合同登记备案',
    kind: 'IMMEDIATE',
    implementingBody: '县住房和城乡建设局',
    legalBasis: '《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》',
    statutoryLimitDays: 0,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions: '商品房项目已取得商品房预售许可证，开发企业与买受人已通过房屋网签备案系统签订商品房预售合同，且所售房屋未被查封或者限制交易。',
    process: '申请（开发企业通过网签备案系统提交）—受理—核对（核对合同信息与楼盘表）—备案（即时办结）—送达（生成合同备案编号，买受人可在线查询）',
    materials: [
      { name: '网签的《商品房买卖合同（预售）》', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: true },
      { name: '买受人身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '商品房预售许可证', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '委托代理人授权委托书', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: true },
    ],
  },
  {
    code: '000140008000',
    name: '建筑业企业资质核准',
    kind: 'REPORTED',
    implementingBody: '市住房和城乡建设局',
    legalBasis: '《中华人民共和国建筑法》第十三条；《建筑业企业资质管理规定》（住房和城乡建设部令第22号）；《中华人民共和国行政许可法》第四十二条',
    // 行政许可法 §42's 20 working days; the 规定's own limit for the 审查 not checked.
    statutoryLimitDays: 20,
    committedLimitDays: 15,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '企业具有独立法人资格，注册资本、注册建造师等专业技术人员、技术装备和已完成的工程业绩符合《建筑业企业资质标准》相应资质等级要求；申请之日起前一年内无违法违规行为。',
    process:
      '申请（省建筑市场监管平台在线填报）—受理（县住房和城乡建设局窗口受理并初审）—上报（报市住房和城乡建设局审查、公示）—决定—送达（核发电子资质证书）',
    materials: [
      { name: '《建筑业企业资质申请表》', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: true },
      { name: '营业执照', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '企业主要人员（注册建造师、技术负责人、现场管理人员）证明材料', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '企业工程业绩证明材料', original: false, copies: 1, required: false, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '安全生产许可证', original: false, copies: 1, required: false, form: 'ELECTRONIC', blankFormAvailable: false },
    ],
  },
];
