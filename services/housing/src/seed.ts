import type { SeededCase, SeededRandom, TableRows } from '@onewindow/kit';
import type { ConstructionProject } from './__generated__/prisma/client.js';

const PROJECT_KINDS = ['住宅小区', '安置房', '商业综合体', '标准厂房', '学校教学楼', '卫生院门诊楼', '物流仓储中心'];
const STRUCTURES = ['框架结构', '框架-剪力墙结构', '剪力墙结构', '钢结构', '砖混结构'];
const PLACES = ['城东', '城南', '临江', '青山', '开发区', '石门镇', '清河乡'];

/** A construction project for every seeded housing case. */
export function ownDemoRows(cases: readonly SeededCase[], rng: SeededRandom): TableRows {
  const rows: ConstructionProject[] = cases.map(({ row }) => ({
    caseId: row.id,
    name: `${rng.pick(PLACES)}${rng.pick(PROJECT_KINDS)}${rng.pick(['一期', '二期', '三期', ''])}工程`,
    floorArea: rng.int(800, 120_000) + rng.int(0, 99) / 100,
    structure: rng.pick(STRUCTURES),
    landParcelNumber: `330100${rng.digits(6)}GB${rng.digits(5)}`,
  }));
  return { table: 'ConstructionProject', rows };
}
