/**
 * The bench's larger counties: the five built-in departments plus generated contract-only ones
 * (schema/src/registry.ts, CONTRACT_DEPARTMENTS_FILE), with synthetic catalogs made from the
 * built-in departments' items, and case counts skewed the way a county's are: a few departments
 * take most of the cases.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The built-in departments, largest first (a county's market bureau takes the most cases). */
export const BUILT_IN_BY_SIZE = ['market', 'tax', 'housing', 'natres', 'env'] as const;

/** Names of a county's other licensing departments, for the generated ones. */
const NAMES = [
  ['人力资源和社会保障局', 'Human Resources and Social Security Bureau'],
  ['民政局', 'Civil Affairs Bureau'],
  ['卫生健康局', 'Health Bureau'],
  ['交通运输局', 'Transport Bureau'],
  ['水利局', 'Water Resources Bureau'],
  ['农业农村局', 'Agriculture and Rural Affairs Bureau'],
  ['教育局', 'Education Bureau'],
  ['文化广电旅游局', 'Culture, Radio, Television and Tourism Bureau'],
  ['公安局', 'Public Security Bureau'],
  ['应急管理局', 'Emergency Management Bureau'],
  ['商务局', 'Commerce Bureau'],
  ['发展和改革局', 'Development and Reform Bureau'],
  ['财政局', 'Finance Bureau'],
  ['林业局', 'Forestry Bureau'],
  ['城市管理局', 'Urban Management Bureau'],
  ['退役军人事务局', 'Veterans Affairs Bureau'],
  ['医疗保障局', 'Medical Security Bureau'],
  ['司法局', 'Justice Bureau'],
  ['统计局', 'Statistics Bureau'],
  ['民族宗教事务局', 'Ethnic and Religious Affairs Bureau'],
  ['气象局', 'Meteorological Bureau'],
  ['烟草专卖局', 'Tobacco Monopoly Bureau'],
  ['人民防空办公室', 'Civil Air Defence Office'],
  ['档案馆', 'Archives'],
  ['残疾人联合会', "Disabled Persons' Federation"],
  ['住房公积金管理中心', 'Housing Provident Fund Centre'],
  ['消防救援大队', 'Fire and Rescue Brigade'],
  ['水务集团', 'Water Supply Company'],
  ['供电公司', 'Power Supply Company'],
  ['燃气公司', 'Gas Company'],
  ['邮政管理局', 'Postal Administration'],
  ['通信管理办公室', 'Telecommunications Office'],
  ['机关事务管理局', 'Government Offices Administration'],
  ['科学技术局', 'Science and Technology Bureau'],
  ['工业和信息化局', 'Industry and Information Technology Bureau'],
] as const;

/** The most departments the bench generates: the five built in and one per name above. */
export const MAX_DEPARTMENTS = BUILT_IN_BY_SIZE.length + NAMES.length;

/** Zipf weights 1/rank^1.1: with 40 departments the largest holds about 24 % of the cases, the smallest 0.4 %. */
export function skewedWeights(count: number): number[] {
  return Array.from({ length: count }, (_, rank) => 1 / (rank + 1) ** 1.1);
}

export interface BenchCounty {
  /** Every department's code, largest first. */
  codes: string[];
  /** Each department's weight in the seeding, in the order of `codes`. */
  weights: number[];
  /** The CONTRACT_DEPARTMENTS_FILE of the generated departments, or null for five. */
  contractDepartmentsFile: string | null;
}

/**
 * Writes the generated departments of a county of `count` departments into `dir` (a
 * departments.json and a catalog per department) and says how to seed it. A department's
 * catalog is a built-in department's items under new item codes (a department's code in digits
 * 3–4), as its own implementing body.
 */
export function writeBenchCounty(dir: string, count: number): BenchCounty {
  if (count < BUILT_IN_BY_SIZE.length || count > MAX_DEPARTMENTS)
    throw new Error(`A bench county has ${BUILT_IN_BY_SIZE.length} to ${MAX_DEPARTMENTS} departments, not ${count}`);
  const generated = NAMES.slice(0, count - BUILT_IN_BY_SIZE.length).map(([name, nameEn], i) => {
    const number = BUILT_IN_BY_SIZE.length + i + 1;
    const code = `dept${String(number).padStart(2, '0')}`;
    const template = BUILT_IN_BY_SIZE[i % BUILT_IN_BY_SIZE.length]!;
    const items = JSON.parse(readFileSync(join(root, 'services', template, 'src', 'catalog.json'), 'utf8')) as {
      code: string;
      implementingBody: string;
    }[];
    const catalog = items.map((item, position) => ({
      ...item,
      code: `99${String(number).padStart(2, '0')}${String(position + 1).padStart(8, '0')}`,
      implementingBody: `县${name}`,
    }));
    return { code, name, nameEn, prefix: `Dept${String(number).padStart(2, '0')}`, port: 4100 + number, catalog };
  });
  const codes = [...BUILT_IN_BY_SIZE, ...generated.map((d) => d.code)];
  if (!generated.length) return { codes, weights: skewedWeights(codes.length), contractDepartmentsFile: null };
  mkdirSync(join(dir, 'catalogs'), { recursive: true });
  for (const department of generated)
    writeFileSync(join(dir, 'catalogs', `${department.code}.json`), JSON.stringify(department.catalog, null, 2));
  const file = join(dir, 'departments.json');
  writeFileSync(
    file,
    JSON.stringify(
      generated.map(({ catalog: _catalog, ...entry }) => ({ ...entry, catalog: `catalogs/${entry.code}.json` })),
      null,
      2,
    ),
  );
  return { codes, weights: skewedWeights(codes.length), contractDepartmentsFile: file };
}

/** The code of the centralized write baseline: one service and one database for every department's cases. */
export const CENTRAL_WRITE_CODE = 'central';

/**
 * The centralized alternative for writes: ONE contract-only department whose catalog is every
 * built-in department's items (their national codes are unique), so that one service with one
 * database takes every case through the same lifecycle code, with the same durability and
 * idempotency, as the departments do apart.
 */
export function writeCentralWriteCounty(dir: string): BenchCounty {
  const catalog = BUILT_IN_BY_SIZE.flatMap(
    (code) => JSON.parse(readFileSync(join(root, 'services', code, 'src', 'catalog.json'), 'utf8')) as unknown[],
  );
  mkdirSync(join(dir, 'catalogs'), { recursive: true });
  writeFileSync(join(dir, 'catalogs', `${CENTRAL_WRITE_CODE}.json`), JSON.stringify(catalog, null, 2));
  const file = join(dir, 'departments.json');
  const entry = {
    code: CENTRAL_WRITE_CODE,
    name: '集中式基线',
    nameEn: 'Centralized baseline',
    prefix: 'Central',
    port: 4099,
    catalog: `catalogs/${CENTRAL_WRITE_CODE}.json`,
  };
  writeFileSync(file, JSON.stringify([entry], null, 2));
  return { codes: [CENTRAL_WRITE_CODE], weights: [1], contractDepartmentsFile: file };
}
