import type { SeededCase, SeededRandom, TableRows } from '@onewindow/kit';
import type { Enterprise } from './__generated__/prisma/client.js';

const TYPES = ['有限责任公司', '有限责任公司（自然人独资）', '个人独资企业', '农民专业合作社', '个体工商户'];
const SCOPES = [
  '食品销售；餐饮服务；日用百货销售',
  '建筑材料销售；五金产品零售；装卸搬运',
  '农副产品收购；农产品初加工；蔬菜种植',
  '药品零售；医疗器械经营；保健食品销售',
  '软件开发；信息技术咨询服务；计算机系统服务',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '周', '吴'];

/** The enterprise behind every seeded market case: its credit code, capital and scope. */
export function ownDemoRows(cases: readonly SeededCase[], rng: SeededRandom): TableRows {
  const rows: Enterprise[] = cases.map(({ row }) => ({
    caseId: row.id,
    creditCode: row.applicantKind === 'ENTERPRISE' ? row.applicantIdNumber : `92330100MA${rng.digits(8)}`,
    name: row.applicantKind === 'ENTERPRISE' ? row.applicantName : `${row.applicantName}经营部`,
    enterpriseType: row.applicantKind === 'ENTERPRISE' ? rng.pick(TYPES.slice(0, 4)) : '个体工商户',
    registeredCapital: rng.pick([3, 10, 50, 100, 200, 500, 1000, 3000]),
    legalRepresentative:
      row.applicantKind === 'ENTERPRISE'
        ? rng.pick(SURNAMES) + rng.pick(['建华', '丽萍', '国强', '晓燕'])
        : row.applicantName,
    businessScope: rng.pick(SCOPES),
  }));
  return { table: 'Enterprise', rows };
}
