import type { SeededCase, SeededRandom, TableRows } from '@onewindow/kit';
import type { LandParcel } from './__generated__/prisma/client.js';

const USES = ['城镇住宅用地', '工业用地', '商服用地', '公共管理与公共服务用地', '农村宅基地', '仓储用地'];
const PLACES = ['城东街道', '城南街道', '临江镇', '青山镇', '石门乡', '清河乡', '经济开发区'];
const SOURCES = ['出让', '划拨', '集体建设用地'];

/** The land parcel behind every seeded natural resources case. */
export function ownDemoRows(cases: readonly SeededCase[], rng: SeededRandom): TableRows {
  const rows: LandParcel[] = cases.map(({ row }) => ({
    caseId: row.id,
    parcelNumber: `330100${rng.digits(6)}GB${rng.digits(5)}`,
    area: rng.int(120, 80_000) + rng.int(0, 99) / 100,
    landUse: rng.pick(USES),
    location: `${rng.pick(PLACES)}${rng.int(1, 60)}号地块`,
    landSource: rng.pick(SOURCES),
  }));
  return { table: 'LandParcel', rows };
}
