import DataLoader from 'dataloader';
import type { KitDatabase } from './database.js';
import type { CaseEventRow, CaseRow, ItemMaterialRow, ItemRow } from './parents.js';
import { DECIDED_STATUSES, OPEN_STATUSES, OVERDUE_SQL, sqlInstant } from './case-status.js';

/** A department's headline numbers, as the Department contract reports them. */
export interface DepartmentNumbers {
  itemCount: number;
  openCases: number;
  overdueCases: number;
  onTimeRate: number | null;
}

function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

function groupedByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key) ?? []);
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

async function departmentNumbers(db: KitDatabase, now: Date): Promise<DepartmentNumbers> {
  const [row] = await db.$queryRawUnsafe<
    { items: number | bigint; open: number | bigint; overdue: number | bigint; decided: number | bigint; onTime: number | bigint }[]
  >(
    `SELECT
       (SELECT COUNT(*) FROM "Item") AS items,
       COUNT(*) FILTER (WHERE status IN (${placeholders(OPEN_STATUSES)})) AS open,
       COUNT(*) FILTER (WHERE ${OVERDUE_SQL}) AS overdue,
       COUNT(*) FILTER (WHERE status IN (${placeholders(DECIDED_STATUSES)}) AND deadline IS NOT NULL) AS decided,
       COUNT(*) FILTER (WHERE status IN (${placeholders(DECIDED_STATUSES)}) AND deadline IS NOT NULL AND concludedAt <= deadline) AS onTime
     FROM "Case"`,
    ...OPEN_STATUSES,
    sqlInstant(now),
    ...DECIDED_STATUSES,
    ...DECIDED_STATUSES,
  );
  const decided = Number(row?.decided ?? 0);
  return {
    itemCount: Number(row?.items ?? 0),
    openCases: Number(row?.open ?? 0),
    overdueCases: Number(row?.overdue ?? 0),
    onTimeRate: decided ? Number(row?.onTime ?? 0) / decided : null,
  };
}

/**
 * Every loader of the contract tables, created once per request: each batch is one SQL
 * statement whatever the number of keys, so a list of N cases costs a constant number of
 * statements.
 */
export function createContractLoaders(db: KitDatabase, now: Date) {
  return {
    caseById: new DataLoader<number, CaseRow | null>(async (ids) =>
      byKey(ids, await db.case.findMany({ where: { id: { in: [...ids] } } }), (row) => row.id),
    ),
    itemByCode: new DataLoader<string, ItemRow | null>(async (codes) =>
      byKey(codes, await db.item.findMany({ where: { code: { in: [...codes] } } }), (row) => row.code),
    ),
    materialsByItem: new DataLoader<string, ItemMaterialRow[]>(async (codes) =>
      groupedByKey(
        codes,
        await db.itemMaterial.findMany({ where: { itemCode: { in: [...codes] } }, orderBy: { position: 'asc' } }),
        (row) => row.itemCode,
      ),
    ),
    eventsByCase: new DataLoader<number, CaseEventRow[]>(async (caseIds) =>
      groupedByKey(
        caseIds,
        await db.caseEvent.findMany({ where: { caseId: { in: [...caseIds] } }, orderBy: [{ caseId: 'asc' }, { seq: 'asc' }] }),
        (row) => row.caseId,
      ),
    ),
    /** One key only (the department itself); a loader so that every field shares one query. */
    numbers: new DataLoader<'self', DepartmentNumbers>(async (keys) => {
      const numbers = await departmentNumbers(db, now);
      return keys.map(() => numbers);
    }),
  };
}

export type ContractLoaders = ReturnType<typeof createContractLoaders>;

/**
 * A loader for a department's own one-row-per-case table (housing's construction projects,
 * market's enterprises...): one query per batch, null for cases without a row.
 */
export function oneRowPerCase<T extends { caseId: number }>(find: (caseIds: number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (caseIds) => byKey(caseIds, await find([...caseIds]), (row) => row.caseId));
}
