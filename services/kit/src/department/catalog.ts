import { z } from 'zod';
import type { KitDatabase } from './database.js';

/**
 * The largest catalog page one request may ask for, of a department or of the hub (which asks the
 * departments for pages of the same size).
 */
export const MAX_ITEM_PAGE = 200;

/** How an item is decided (ItemKind in the contract). */
const itemKindSchema = z.enum(['IMMEDIATE', 'PROMISED', 'JOINT', 'REPORTED']);
export type ItemKind = z.infer<typeof itemKindSchema>;

/** A text the catalog must give (checked, never altered: the database gets it as the file has it). */
const text = z.string().regex(/\S/, 'must not be blank');
const days = z.number().int().min(0);

/** One material an item requires. */
const catalogMaterialSchema = z.strictObject({
  name: text,
  /** True when the original is required; otherwise a copy. */
  original: z.boolean(),
  copies: z.number().int().min(1),
  required: z.boolean(),
  form: z.enum(['PAPER', 'ELECTRONIC', 'EITHER']),
  /** True when a blank form can be downloaded. */
  blankFormAvailable: z.boolean(),
});
export type CatalogMaterial = z.infer<typeof catalogMaterialSchema>;

/**
 * One approval item of a department's catalog (its src/catalog.json), with the national catalog's
 * fields. Limits are working days; the committed limit never exceeds the statutory limit.
 */
export const catalogItemSchema = z
  .strictObject({
    /** The item code in the national catalog (事项编码). */
    code: z.string().regex(/^\d{12}$/, 'must be the 12 digits of the national catalog'),
    name: text,
    /** What the catalog's editors noted about the item (a former name, why its kind is what it is). */
    note: text.optional(),
    kind: itemKindSchema,
    /** The body that decides (实施主体). */
    implementingBody: text,
    legalBasis: text,
    /** Where the statutory limit comes from, and how sure that is: for supervisors, not served. */
    statutoryLimitNote: text.optional(),
    statutoryLimitDays: days,
    committedLimitDays: days,
    /** null for free items. */
    fee: z.strictObject({ standard: text, basis: text }).nullable(),
    inCenter: z.boolean(),
    windowAuthorized: z.boolean(),
    onlineAvailable: z.boolean(),
    /** 最多跑几次. */
    maxVisits: z.number().int().min(0),
    conditions: text,
    process: text,
    materials: z.array(catalogMaterialSchema),
  })
  .refine((item) => item.committedLimitDays <= item.statutoryLimitDays, {
    path: ['committedLimitDays'],
    message: 'exceeds statutoryLimitDays (a promise beyond what the law allows)',
  });
export type CatalogItem = z.infer<typeof catalogItemSchema>;

/** A department's whole catalog: its items, each code once. */
export const catalogSchema = z.array(catalogItemSchema).superRefine((items, context) => {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.code);
    if (first === undefined) seen.set(item.code, index);
    else context.addIssue({ code: 'custom', path: [index, 'code'], message: `repeats item #${first + 1}'s code` });
  });
});

/** Throws when an item's committed limit exceeds its statutory limit (a promise beyond what the law allows). */
export function checkCatalogLimits(catalog: readonly CatalogItem[]): void {
  for (const item of catalog) {
    if (item.committedLimitDays > item.statutoryLimitDays) {
      throw new Error(`Item ${item.code}: the committed limit exceeds the statutory limit`);
    }
  }
}

/** The Item row a catalog item is stored as: its materials apart, its notes (for the file's readers) left out. */
export function itemRow(item: CatalogItem) {
  const { materials: _materials, note: _note, statutoryLimitNote: _limitNote, fee, ...columns } = item;
  return { ...columns, feeCharged: fee !== null, feeStandard: fee?.standard ?? null, feeBasis: fee?.basis ?? null };
}

/** The ItemMaterial rows of a catalog item, in catalog order. */
export function materialRows(item: CatalogItem) {
  return item.materials.map((material, position) => ({ ...material, itemCode: item.code, position }));
}

/** True when every field the catalog sets has the catalog's value in the stored row (other columns are ignored). */
function agrees(stored: object | undefined, expected: object): boolean {
  const row = stored as Record<string, unknown> | undefined;
  return !!row && Object.entries(expected).every(([key, value]) => row[key] === value);
}

/**
 * Brings a department's stored catalog in line with its catalog.json, at every start: an item that
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
