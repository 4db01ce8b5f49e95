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
