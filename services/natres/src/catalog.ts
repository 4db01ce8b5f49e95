import type { CatalogItem } from '@onewindow/kit';

/** 自然资源局's approval items, as published in the county's catalog (政务服务事项目录). */
export const catalog: readonly CatalogItem[] = [
  {
    code: '000173001000',
    name: '建设项目用地预审与选址意见书核发',
    kind: 'PROMISED',
    implementingBody: '县自然资源局',
    legalBasis:
      '《中华人民共和国土地管理法》第五十二条；《中华人民共和国城乡规划法》第三十六条；《建设项目用地预审管理办法》；《自然资源部关于以“多规合一”为基础推进规划用地“多审合一、多证合一”改革的通知》（自然资规〔2019〕2号）',
    // 用地预审管理办法: 20 days (10 more with the head's approval), as 行政许可法 §42 (recalled; article not checked).
    statutoryLimitDays: 20,
    committedLimitDays: 10,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '建设项目符合国土空间规划和用途管制要求，符合国家供地政策和土地管理法律法规规定；用地规模符合建设用地使用标准；涉及占用耕地的已落实补充耕地要求。以划拨方式取得国有土地使用权的项目，同时核发选址意见书。',
    process:
      '申请（工程建设项目审批管理系统提交）—受理—审查（审查规划符合性、用地规模和节约集约用地情况，必要时现场踏勘）—决定（核发建设项目用地预审与选址意见书）—送达',
    materials: [
      { name: '《建设项目用地预审与选址申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '建设项目用地预审与选址申请报告', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '项目建议书批复文件、项目核准或者备案文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '标注拟选址位置和用地范围的地形图或者勘测定界图', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '节地评价报告（需要开展节地评价的）', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000173002000',
    name: '建设用地规划许可证核发',
    kind: 'PROMISED',
    implementingBody: '县自然资源局',
    legalBasis:
      '《中华人民共和国城乡规划法》第三十七条、第三十八条；《自然资源部关于以“多规合一”为基础推进规划用地“多审合一、多证合一”改革的通知》（自然资规〔2019〕2号）',
    // 城乡规划法 sets no limit: 行政许可法 §42's 20 working days (local rules may set less).
    statutoryLimitDays: 20,
    committedLimitDays: 5,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '以划拨方式供地的，已取得建设项目用地预审与选址意见书，依据控制性详细规划核定用地位置、面积和允许建设的范围；以出让方式供地的，已签订国有建设用地使用权出让合同，规划条件已作为出让合同的组成部分。',
    process:
      '申请—受理—审查（核对规划条件和用地范围）—决定（核发建设用地规划许可证，划拨项目可与划拨决定书同步核发）—送达',
    materials: [
      { name: '《建设用地规划许可申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '建设项目批准、核准或者备案文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '国有建设用地使用权出让合同（出让用地）或者用地预审与选址意见书（划拨用地）', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '勘测定界图及界址点坐标成果', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000173003000',
    name: '建设工程规划许可证核发',
    kind: 'JOINT',
    implementingBody: '县自然资源局',
    legalBasis: '《中华人民共和国城乡规划法》第四十条',
    // 城乡规划法 §40 sets no limit: 行政许可法 §42's 20 working days (local rules may set less).
    statutoryLimitDays: 20,
    committedLimitDays: 7,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 0,
    conditions:
      '已取得建设用地规划许可证或者国有建设用地使用权出让合同、不动产权属证书；建设工程设计方案符合控制性详细规划和规划条件，建筑间距、退让、日照、停车配建等符合相关技术规定。',
    process:
      '申请（工程建设项目审批管理系统并联审批端口提交）—受理—审查（审查设计方案，批前公示）—决定（核发建设工程规划许可证及附图附件）—送达',
    materials: [
      { name: '《建设工程规划许可申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '使用土地的有关证明文件（不动产权属证书或者建设用地规划许可证）', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设工程设计方案（总平面图及建筑单体平面、立面、剖面图）', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设项目批准、核准或者备案文件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '日照分析报告（涉及日照影响的）', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
      { name: '法定代表人授权委托书', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: true },
    ],
  },
  {
    code: '000173004000',
    name: '乡村建设规划许可证核发',
    kind: 'PROMISED',
    implementingBody: '县自然资源局',
    legalBasis: '《中华人民共和国城乡规划法》第四十一条；《中华人民共和国土地管理法》第六十二条',
    statutoryLimitDays: 20,
    committedLimitDays: 10,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: false,
    maxVisits: 1,
    conditions:
      '在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设或者农村村民住宅建设，符合村庄规划和用途管制要求；不得占用农用地，确需占用农用地的，已依法办理农用地转用审批手续。',
    process:
      '申请（向乡、镇人民政府提出）—受理（乡、镇人民政府审核后报送）—审查（县自然资源局审查，必要时现场踏勘）—决定（核发乡村建设规划许可证）—送达',
    materials: [
      { name: '《乡村建设规划许可申请表》', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: true },
      { name: '申请人身份证明或者单位主体资格证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '村民委员会或者农村集体经济组织意见', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: true },
      { name: '宅基地批准文件或者其他用地批准文件', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设工程设计方案或者农房通用图集选用说明', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: false },
    ],
  },
  {
    code: '000173005000',
    name: '临时用地审批',
    kind: 'PROMISED',
    implementingBody: '县自然资源局',
    legalBasis: '《中华人民共和国土地管理法》第五十七条；《中华人民共和国土地管理法实施条例》第二十条；《自然资源部关于规范临时用地管理的通知》（自然资规〔2021〕2号）',
    statutoryLimitDays: 20,
    committedLimitDays: 10,
    fee: null,
    inCenter: true,
    windowAuthorized: false,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '因建设项目施工、地质勘查需要临时使用土地，已与土地所有者或者使用者签订临时使用土地合同并约定补偿；临时用地期限一般不超过二年，不得修建永久性建筑物；已编制土地复垦方案并落实复垦费用。',
    process: '申请—受理—审查（核查用地位置、面积、地类，现场踏勘）—决定（作出临时用地批准文件）—送达',
    materials: [
      { name: '临时用地申请书', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '临时使用土地合同', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: true },
      { name: '建设项目批准文件或者地质勘查许可证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '土地复垦方案报告表及复垦费用存储证明', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '勘测定界图及勘测定界技术报告', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000173006000',
    name: '建设工程竣工规划核实',
    kind: 'PROMISED',
    implementingBody: '县自然资源局',
    legalBasis: '《中华人民共和国城乡规划法》第四十五条',
    statutoryLimitDays: 20,
    committedLimitDays: 5,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions: '建设工程已按建设工程规划许可证及附图、附件完成建设，具备竣工条件；已委托测绘单位完成规划核实测量。',
    process:
      '申请（可纳入竣工联合验收）—受理—审查（核对竣工测量成果，现场核实）—决定（出具规划核实合格或者不合格意见）—送达',
    materials: [
      { name: '《建设工程规划核实申请表》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '建设工程规划许可证及附图、附件', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '建设工程竣工规划核实测量成果报告', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '建设工程竣工图（总平面图及建筑平面、立面、剖面图）', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000173007000',
    name: '不动产登记（国有建设用地使用权及房屋所有权转移登记）',
    kind: 'PROMISED',
    implementingBody: '县自然资源局',
    legalBasis: '《中华人民共和国民法典》第二百零九条、第二百一十条；《不动产登记暂行条例》第三条、第二十条；《不动产登记暂行条例实施细则》',
    // 不动产登记暂行条例 §20: 自受理登记申请之日起30个工作日内办结.
    statutoryLimitDays: 30,
    committedLimitDays: 3,
    fee: {
      standard: '住宅类不动产登记每件80元，非住宅类不动产登记每件550元；每增加一本不动产权属证书加收证书工本费10元',
      basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
    },
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '不动产权属清楚、无争议，未被查封或者依法限制转让；当事人已签订转让合同并依法缴纳相关税费；由转让方和受让方共同申请。',
    process:
      '申请（“一窗受理”，交易、税费、登记信息一次采集）—受理—审核（查验权属和申请材料，必要时实地查看）—登簿—缮证发证（领取纸质证书或者电子证照，可邮寄送达）',
    materials: [
      { name: '《不动产登记申请书》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '申请人身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '不动产权属证书', original: true, copies: 1, required: true, form: 'PAPER', blankFormAvailable: false },
      { name: '不动产买卖合同等转移原因证明文件', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '完税凭证（税务部门信息共享）', original: false, copies: 1, required: true, form: 'ELECTRONIC', blankFormAvailable: false },
      { name: '婚姻状况证明或者共有人同意转让的书面意见', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
    ],
  },
  {
    code: '000173008000',
    name: '不动产登记资料查询',
    kind: 'IMMEDIATE',
    implementingBody: '县自然资源局',
    legalBasis: '《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》（国土资源部令第80号）',
    // 查询暂行办法: 当场提供, or within 5 working days when it cannot be done on the spot (recalled).
    statutoryLimitDays: 5,
    committedLimitDays: 0,
    fee: null,
    inCenter: true,
    windowAuthorized: true,
    onlineAvailable: true,
    maxVisits: 1,
    conditions:
      '查询人为不动产权利人、利害关系人或者依法有权查询的国家机关；利害关系人查询的，应当提交存在利害关系的证明材料，查询目的合法，查询结果不得用于其他目的。',
    process: '申请（窗口、自助查询机或者线上提交）—受理—审查（核验查询人身份和查询权限）—出具（当场提供查询结果）—送达',
    materials: [
      { name: '《不动产登记资料查询申请书》', original: true, copies: 1, required: true, form: 'EITHER', blankFormAvailable: true },
      { name: '查询人身份证明', original: false, copies: 1, required: true, form: 'EITHER', blankFormAvailable: false },
      { name: '存在利害关系的证明材料（利害关系人查询的）', original: false, copies: 1, required: false, form: 'EITHER', blankFormAvailable: false },
      { name: '授权委托书及受托人身份证明（委托查询的）', original: true, copies: 1, required: false, form: 'EITHER', blankFormAvailable: true },
    ],
  },
];
