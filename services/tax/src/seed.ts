import type { SeededCase, SeededRandom, TableRows } from '@onewindow/kit';
import type { PropertyTransaction } from './__generated__/prisma/client.js';

const COMMUNITIES = ['锦绣花园', '滨江名苑', '青山小区', '阳光新城', '清河家园', '翠湖湾'];

/** The property transaction behind every seeded tax case: 契税 at 1–3 %, plus other taxes on resales. */
export function ownDemoRows(cases: readonly SeededCase[], rng: SeededRandom): TableRows {
  const rows: PropertyTransaction[] = cases.map(({ row }) => {
    const floorArea = rng.int(45, 180) + rng.int(0, 99) / 100;
    const price = Math.round(floorArea * rng.int(5200, 11800));
    const resale = rng.chance(0.6);
    const deedRate = floorArea <= 140 ? 0.01 : 0.015;
    const taxKinds = resale ? ['契税', '增值税', '个人所得税', '印花税'] : ['契税', '印花税'];
    const taxAmount = Math.round(price * (deedRate + (resale ? 0.01 : 0) + 0.0005));
    return {
      caseId: row.id,
      address: `${rng.pick(COMMUNITIES)}${rng.int(1, 30)}幢${rng.int(1, 3)}单元${rng.int(1, 28)}0${rng.int(1, 4)}室`,
      floorArea,
      price,
      taxAmount,
      taxKinds: JSON.stringify(taxKinds),
    };
  });
  return { table: 'PropertyTransaction', rows };
}
