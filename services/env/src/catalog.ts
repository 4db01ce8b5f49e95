import type { CatalogItem } from '@onewindow/kit';

/**
 * 市生态环境局县分局's approval items, as published in the county's catalog (政务服务事项目录). Since the
 * 垂直管理 reform the county's environment bureau is the city bureau's county branch (分局).
 */
export const catalog: readonly CatalogItem[] = [
  {
    code: '000174001000',
    name: '建设项目环境影响报告书审批',
    kind: 'PROMISED',
    implementingBody: '市生态环境局县分局',
    legalBasis:
      '《中华人民共和国环境保护法》第十九条；《中华人民共和国环境影响评价法》第十六条、第二十二条；《建设项目环境保护管理条例》第九条',
    // 环境影响评价法 §22: 报告书 within 60 days of receipt.
    statutoryLimitDays: 60,
    committedLimitDays: 20,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '建设项目类型及其选址、布局、规模等符合环境保护法律法规和相关法定规划；所在区域环境质量满足国家或者地方标准，或者已采取措施满足区域环境质量改善目标管理要求；拟采取的污染防治措施能确保污染物排放达到国家和地方排放标准；已依法开展公众参与。',
    process:
      '申请—受理（受理情况公示）—审查（技术评估、专家审查，作出审批决定前公示）—决定（作出批复）—送达（批复文件公开）',
    materials: [
      { name: '建设项目环境影响报告书审批申请书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '建设项目环境影响报告书（全本）', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设项目环境影响评价公众参与说明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '删除涉及国家秘密、商业秘密等内容的报告书公开版本及说明', original: true, copies: 1, required: false, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设项目批准、核准或者备案文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
    ],
  },
  {
    code: '000174002000',
    name: '建设项目环境影响报告表审批',
    kind: 'JOINT',
    implementingBody: '市生态环境局县分局',
    legalBasis: '《中华人民共和国环境影响评价法》第十六条、第二十二条；《建设项目环境保护管理条例》第九条',
    // 环境影响评价法 §22: 报告表 within 30 days of receipt.
    statutoryLimitDays: 30,
    committedLimitDays: 10,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '建设项目选址、布局、规模等符合生态环境保护法律法规和相关法定规划，符合生态环境分区管控要求；拟采取的污染防治措施能确保污染物排放达到国家和地方排放标准；报告表编制规范，基础资料数据真实。',
    process:
      '申请（工程建设项目审批管理系统并联审批端口提交）—受理（受理情况公示）—审查（技术审查，拟审批公示）—决定（作出批复）—送达',
    materials: [
      { name: '建设项目环境影响报告表审批申请书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '建设项目环境影响报告表', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设项目批准、核准或者备案文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '删除涉及国家秘密、商业秘密等内容的报告表公开版本及说明', original: true, copies: 1, required: false, form: 'ELECTRONIC', blankFormAvailable: false },
    ],
  },
  {
    code: '000174003000',
    name: '建设项目环境影响登记表备案',
    kind: 'IMMEDIATE',
    implementingBody: '市生态环境局县分局',
    legalBasis: '《中华人民共和国环境影响评价法》第十六条、第二十二条；《建设项目环境影响登记表备案管理办法》（环境保护部令第41号）',
    statutoryLimitDays: 0,
    committedLimitDays: 0,
    fee: null,
    inCenter: false,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 0,
    conditions: '建设项目属于《建设项目环境影响评价分类管理名录》规定应当填报环境影响登记表的类别，建设单位在项目建成并投入生产运营前完成备案。',
    process: '申请（通过建设项目环境影响登记表备案系统在线填报）—备案（系统即时生成备案回执）—公开（备案信息向社会公开）',
    materials: [
      { name: '建设项目环境影响登记表', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: true },
      { name: '建设单位主体资格信息（统一社会信用代码）', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设单位承诺书（登记表所附）', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: true },
    ],
  },
  {
    code: '000174004000',
    name: '建设项目环境影响评价文件重新审核',
    kind: 'PROMISED',
    implementingBody: '市生态环境局县分局',
    legalBasis: '《中华人民共和国环境影响评价法》第二十四条',
    // 环境影响评价法 §24: 自收到之日起十日内将审核意见书面通知建设单位.
    statutoryLimitDays: 10,
    committedLimitDays: 5,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '建设项目的环境影响评价文件自批准之日起超过五年方决定开工建设，且项目性质、规模、地点、采用的生产工艺或者防治污染、防止生态破坏的措施未发生重大变动。',
    process: '申请—受理—审查（核查项目及周边环境变化情况）—决定（书面通知审核意见）—送达',
    materials: [
      { name: '建设项目环境影响评价文件重新审核申请书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '原环境影响评价文件及审批（审核）意见', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '项目建设内容及周边环境变化情况说明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000174005000',
    name: '排污许可证核发',
    kind: 'REPORTED',
    implementingBody: '市生态环境局',
    legalBasis: '《中华人民共和国环境保护法》第四十五条；《排污许可管理条例》第十二条',
    // 条例 §12: 简化管理 20 days, 重点管理 30 days (45 with 现场核查). One limit per item: the 重点 one; a 简化 case
    // decided by the city bureau in 20 days is within it.
    statutoryLimitDays: 30,
    committedLimitDays: 15,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '排污单位属于《固定污染源排污许可分类管理名录》规定的重点管理或者简化管理类别；依法取得建设项目环境影响报告书（表）批准文件或者办理了登记表备案；污染物排放符合污染物排放标准和重点污染物排放总量控制要求；自行监测方案符合规定。',
    process:
      '申请（全国排污许可证管理信息平台在线申请）—受理（市生态环境局县分局初审）—上报（报市生态环境局审查，需要现场核查的开展现场核查）—决定（核发排污许可证）—送达',
    materials: [
      { name: '排污许可证申请表', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: true },
      { name: '自行监测方案', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '守法承诺书', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: true },
      { name: '排污单位有关排污口规范化的情况说明', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设项目环境影响报告书（表）批准文件或者登记表备案材料', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '排污许可证申请前信息公开情况说明', original: true, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
    ],
  },
  {
    code: '000174006000',
    name: '入河排污口设置审批',
    kind: 'PROMISED',
    implementingBody: '市生态环境局县分局',
    legalBasis:
      '《中华人民共和国水法》第三十四条；《国务院办公厅关于加强入河入海排污口监督管理工作的实施意见》（国办函〔2022〕17号）；《中华人民共和国行政许可法》第四十二条',
    // 行政许可法 §42's 20 working days; 生态环境部's 2024 rules on 入河入海排污口 were not checked for a shorter limit.
    statutoryLimitDays: 20,
    committedLimitDays: 10,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '排污口设置符合国土空间规划、水功能区划和水生态环境保护要求，不在饮用水水源保护区等禁止设置排污口的区域内；已完成入河排污口设置论证，排放的污水经处理达到国家和地方排放标准。',
    process: '申请—受理—审查（组织技术审查和现场勘查）—决定（作出同意或者不同意设置的决定）—送达',
    materials: [
      { name: '入河排污口设置申请书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '入河排污口设置论证报告', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设项目批准、核准或者备案文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '有利害关系的第三者的承诺书或者其他文件（涉及的）', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000174007000',
    name: '危险废物收集经营许可证核发',
    kind: 'PROMISED',
    implementingBody: '市生态环境局县分局',
    legalBasis: '《中华人民共和国固体废物污染环境防治法》第八十条；《危险废物经营许可证管理办法》（国务院令第408号）',
    // 办法: 自受理申请之日起20个工作日内 (recalled; not checked against the current text).
    statutoryLimitDays: 20,
    committedLimitDays: 10,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '从事机动车维修活动中产生的废矿物油和居民日常生活中产生的废镉镍电池的危险废物收集经营活动；具有防雨、防渗的运输工具，符合国家或者地方环境保护标准和安全要求的包装工具及中转、临时存放设施；有保证危险废物安全的经营规章制度、污染防治措施和事故应急救援措施。',
    process: '申请—受理—审查（审查证明材料并对经营设施进行现场核查）—决定（颁发或者不予颁发危险废物收集经营许可证）—送达',
    materials: [
      { name: '危险废物收集经营许可证申请书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '营业执照', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '运输工具、包装工具及中转、临时存放设施的证明材料', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '危险废物经营安全管理制度、污染防治措施和事故应急救援措施', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设项目环境影响评价审批文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
    ],
  },
];
