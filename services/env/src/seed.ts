import type { SeededCase, SeededRandom, TableRows } from '@onewindow/kit';
import type { EnvironmentalAssessment } from './__generated__/prisma/client.js';

const INDUSTRIES = ['房地产开发', '食品制造', '金属制品加工', '污水处理及其再生利用', '畜禽养殖', '建材制造', '医院'];
const POLLUTANTS = ['废水', '废气', '噪声', '固体废物', '危险废物', '扬尘'];

/** The impact assessment behind every seeded environment case: mostly report forms, few full reports. */
export function ownDemoRows(cases: readonly SeededCase[], rng: SeededRandom): TableRows {
  const rows: EnvironmentalAssessment[] = cases.map(({ row }) => {
    const draw = rng.next();
    const pollutants = POLLUTANTS.filter(() => rng.chance(0.45));
    return {
      caseId: row.id,
      category: draw < 0.12 ? 'REPORT' : draw < 0.75 ? 'FORM' : 'REGISTRATION',
      industry: rng.pick(INDUSTRIES),
      pollutantTypes: JSON.stringify(pollutants.length ? pollutants : ['噪声']),
      totalInvestment: rng.pick([50, 120, 300, 800, 1500, 5000, 20000]),
    };
  });
  return { table: 'EnvironmentalAssessment', rows };
}
