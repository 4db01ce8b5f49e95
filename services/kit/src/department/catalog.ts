import type { KitDatabase } from './database.js';

/**
 * The largest catalog page one request may ask for, of a department or of the hub (which asks the
 * departments for pages of the same size).
 */
export const MAX_ITEM_PAGE = 200;

/** How an item is decided (ItemKind in the contract). */
export type ItemKind = 'IMMEDIATE' | 'PROMISED' | 'JOINT' | 'REPORTED';

/** One material an item requires. */
export interface CatalogMaterial {
  name: string;
  /** True when the original is required; otherwise a copy. */
  original: boolean;
  copies: number;
  required: boolean;
  form: 'PAPER' | 'ELECTRONIC' | 'EITHER';
  /** True when a blank form can be downloaded. */
  blankFormAvailable: boolean;
}

/**
 * One approval item of a department's catalog, with the national catalog's fields. Limits are
 * working days; the committed limit never exceeds the statutory limit (checked at seeding).
 */
export interface CatalogItem {
  /** The item code in the national catalog (事项编码). */
  code: string;
  name: string;
  kind: ItemKind;
  /** The body that decides (实施主体). */
  implementingBody: string;
  legalBasis: string;
  statutoryLimitDays: number;
  committedLimitDays: number;
  /** null for free items. */
  fee: { standard: string; basis: string } | null;
  inCenter: boolean;
  windowAuthorized: boolean;
  onlineAvailable: boolean;
  /** 最多跑几次. */
  maxVisits: number;
  conditions: string;
  process: string;
  materials: CatalogMaterial[];
}

/** Throws when an item's committed limit exceeds its statutory limit (a promise beyond what the law allows). */
export function checkCatalogLimits(catalog: readonly CatalogItem[]): void {
  for (const item of catalog) {
    if (item.committedLimitDays > item.statutoryLimitDays) {
      throw new Error(`Item ${item.code}: the committed limit exceeds the statutory limit`);
    }
  }
}

/** The Item row a catalog item is stored as (its materials apart). */
function itemRow({ materials: _materials, fee, ...item }: CatalogItem) {
  return { ...item, feeCharged: fee !== null, feeStandard: fee?.standard ?? null, feeBasis: fee?.basis ?? null };
}

/** The ItemMaterial rows of a catalog item, in catalog order. */
function materialRows(item: CatalogItem) {
  return item.materials.map((material, position) => ({ ...material, itemCode: item.code, position }));
}

/** True when every field the catalog sets has the catalog's value in the stored row (other columns are ignored). */
function agrees(stored: object | undefined, expected: object): boolean {
  const row = stored as Record<string, unknown> | undefined;
  return !!row && Object.entries(expected).every(([key, value]) => row[key] === value);
}

/**
 * Brings a department's stored catalog in line with its catalog.ts, at every start: an item that
 * is missing or differs (a corrected name, body, limit, legal basis) is written, with its
 * materials replaced, all in one transaction. Items no longer in the catalog stay (cases refer to
 * them) and cases are never touched: a deadline already set keeps the limit it was set with.
 * Returns the codes written (none when the database already agrees).
 */
export async function syncCatalog(db: KitDatabase, catalog: readonly CatalogItem[]): Promise<string[]> {
  checkCatalogLimits(catalog);
  const [items, materials] = await Promise.all([
    db.item.findMany(),
    db.itemMaterial.findMany({ orderBy: [{ itemCode: 'asc' }, { position: 'asc' }] }),
  ]);
  const stored = new Map(items.map((item) => [item.code, item]));
  const changed = catalog.filter((item) => {
    const expected = materialRows(item);
    const storedMaterials = materials.filter((m) => m.itemCode === item.code);
    return (
      !agrees(stored.get(item.code), itemRow(item)) ||
      storedMaterials.length !== expected.length ||
      expected.some((material, i) => !agrees(storedMaterials[i], material))
    );
  });
  if (!changed.length) return [];
  await db.$transaction(
    changed.flatMap((item) => [
      db.item.upsert({ where: { code: item.code }, create: itemRow(item), update: itemRow(item) }),
      db.itemMaterial.deleteMany({ where: { itemCode: item.code } }),
      db.itemMaterial.createMany({ data: materialRows(item) }),
    ]),
  );
  return changed.map((item) => item.code);
}
