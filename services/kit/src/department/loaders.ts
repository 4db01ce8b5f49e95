import DataLoader from 'dataloader';
import type { KitDatabase } from './database.js';
import type { SqlReader } from '../db/reader.js';
import type { CaseEventRow, CaseRow, ItemMaterialRow, ItemRow } from './parents.js';
import { sqlInstant } from './case-status.js';

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

/**
 * The headline numbers as separate counts, each shaped to use one index: open cases through the
 * concludedAt index (an open case has none), overdue ones through partial indexes that hold
 * exactly the cases they count (contract-indexes.sql, and the daily_stats contract migration's
 * index of open cases); together they apply OVERDUE_SQL's rule. The on-time rate reads the
 * decided cases (most of them) in one scan of the narrow statistics index. On SQLite the indexes
 * are named (INDEXED BY): should one go missing, the query fails loudly instead of silently
 * scanning the table.
 */
async function departmentNumbers(reader: SqlReader, now: Date): Promise<DepartmentNumbers> {
  const indexed = (index: string) => reader.dialect.indexedBy(index);
  const [row] = await reader.all<
    Record<'items' | 'open' | 'openOverdue' | 'concludedLate' | 'decided' | 'onTime', number | null>
  >(
    `SELECT
       (SELECT COUNT(*) FROM "Item") AS "items",
       (SELECT COUNT(*) FROM "Case" WHERE "concludedAt" IS NULL) AS "open",
       (SELECT COUNT(*) FROM "Case" ${indexed('Case_open_stats_idx')}
          WHERE "concludedAt" IS NULL AND "deadline" IS NOT NULL AND "deadline" < COALESCE("suspendedAt", ?)) AS "openOverdue",
       (SELECT COUNT(*) FROM "Case" ${indexed('Case_concluded_late_idx')} WHERE "concludedAt" > "deadline") AS "concludedLate",
       decided."n" AS "decided", decided."onTime" AS "onTime"
     FROM (SELECT COUNT(*) AS "n", COUNT(*) FILTER (WHERE "concludedAt" <= "deadline") AS "onTime"
           FROM "Case" ${indexed('Case_stats_covering_idx')}
           WHERE "status" IN ('APPROVED', 'DENIED') AND "deadline" IS NOT NULL) AS decided`,
    [sqlInstant(now)],
  );
  const count = (n: number | null | undefined) => Number(n ?? 0);
  const decided = count(row?.decided);
  return {
    itemCount: count(row?.items),
    openCases: count(row?.open),
    overdueCases: count(row?.openOverdue) + count(row?.concludedLate),
    onTimeRate: decided ? count(row?.onTime) / decided : null,
  };
}

/** A department's catalog: its items by code, in code order, and each item's materials in order. */
export interface Catalog {
  items: ReadonlyMap<string, ItemRow>;
  materials: ReadonlyMap<string, readonly ItemMaterialRow[]>;
}

/**
 * The catalog, read once per process and kept: a few dozen items that every case page refers to,
 * which would otherwise cost a Prisma query (about 1 ms) per request. The department writes its
 * catalog only when seeding, before it serves; the cache is read again whenever the catalog may
 * have changed, so an operator's change is seen on the next request. Rows are shared between
 * requests: read only.
 */
export class CatalogCache {
  private loaded: { version: string; catalog: Promise<Catalog> } | null = null;

  constructor(
    private readonly db: KitDatabase,
    private readonly reader: SqlReader,
  ) {}

  async read(): Promise<Catalog> {
    const version = await this.dataVersion();
    if (this.loaded?.version !== version) {
      const catalog = this.load();
      this.loaded = { version, catalog };
      // A failed read is not kept: the next request tries again.
      catalog.catch(() => {
        if (this.loaded?.catalog === catalog) this.loaded = null;
      });
    }
    return this.loaded.catalog;
  }

  /**
   * What changes when the catalog may have: on SQLite, `PRAGMA data_version` of Prisma's connection
   * (it moves when another connection commits: one cheap statement, whatever the catalog's size);
   * PostgreSQL has no such counter, so a digest of the catalog's rows (a few dozen).
   */
  private async dataVersion(): Promise<string> {
    if (this.reader.dialect.provider === 'sqlite') {
      const [row] = await this.db.$queryRawUnsafe<{ data_version: number | bigint }[]>('PRAGMA data_version');
      return String(row?.data_version ?? 0);
    }
    const [row] = await this.reader.all<{ digest: string | null }>(
      `SELECT md5((SELECT string_agg(i::text, '|' ORDER BY i."code") FROM "Item" i)
        || '/' || COALESCE((SELECT string_agg(m::text, '|' ORDER BY m."id") FROM "ItemMaterial" m), '')) AS "digest"`,
      [],
    );
    return row?.digest ?? '';
  }

  private async load(): Promise<Catalog> {
    const [items, materials] = await Promise.all([
      this.db.item.findMany({ orderBy: { code: 'asc' } }),
      this.db.itemMaterial.findMany({ orderBy: [{ itemCode: 'asc' }, { position: 'asc' }] }),
    ]);
    const byItem = new Map<string, ItemMaterialRow[]>();
    for (const material of materials) {
      const list = byItem.get(material.itemCode);
      if (list) list.push(material);
      else byItem.set(material.itemCode, [material]);
    }
    return { items: new Map(items.map((item) => [item.code, item])), materials: byItem };
  }
}

/**
 * Every loader of the contract tables, created once per request: each batch is one SQL
 * statement whatever the number of keys, so a list of N cases costs a constant number of
 * statements. Items and materials come from the process's catalog cache.
 */
export function createContractLoaders(db: KitDatabase, reader: SqlReader, now: Date, catalog: CatalogCache) {
  return {
    caseById: new DataLoader<number, CaseRow | null>(async (ids) =>
      byKey(ids, await db.case.findMany({ where: { id: { in: [...ids] } } }), (row) => row.id),
    ),
    itemByCode: new DataLoader<string, ItemRow | null>(async (codes) => {
      const { items } = await catalog.read();
      return codes.map((code) => items.get(code) ?? null);
    }),
    materialsByItem: new DataLoader<string, ItemMaterialRow[]>(async (codes) => {
      const { materials } = await catalog.read();
      return codes.map((code) => [...(materials.get(code) ?? [])]);
    }),
    eventsByCase: new DataLoader<number, CaseEventRow[]>(async (caseIds) =>
      groupedByKey(
        caseIds,
        await db.caseEvent.findMany({
          where: { caseId: { in: [...caseIds] } },
          orderBy: [{ caseId: 'asc' }, { seq: 'asc' }],
        }),
        (row) => row.caseId,
      ),
    ),
    /** The whole catalog, in code order (a catalog list filters it in memory). */
    catalog: () => catalog.read(),
    /** One key only (the department itself); a loader so that every field shares one query. */
    numbers: new DataLoader<'self', DepartmentNumbers>(async (keys) => {
      const numbers = await departmentNumbers(reader, now);
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
  return new DataLoader<number, T | null>(async (caseIds) =>
    byKey(caseIds, await find([...caseIds]), (row) => row.caseId),
  );
}
