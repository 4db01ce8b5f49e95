import type { Identity } from '@onewindow/runtime';

/**
 * How a department keeps one of its own fields: personal data (audited when read, masked or
 * withheld for analysts) or confidential data that is not personal (withheld from analysts).
 *
 * - `name`: a person's name; analysts see `张**`.
 * - `idNumber`: an ID card number or credit code; analysts see its first 3 and last 4 characters.
 * - `phone`: a phone number; analysts see `138****5678`.
 * - `personal`: any other personal value; analysts get null.
 * - `confidential`: not personal but not for analysts (amounts, addresses): null for them.
 *
 * Fields that analysts get as null must be nullable in the department's SDL (checked at start).
 */
export type FieldProtection = 'name' | 'idNumber' | 'phone' | 'personal' | 'confidential';

/** Whether analysts get null rather than a masked value. */
export const withholds = (protection: FieldProtection): boolean =>
  protection === 'personal' || protection === 'confidential';

/** Whether reading the field is a read of personal data (audited). */
export const isPersonal = (protection: FieldProtection): boolean => protection !== 'confidential';

/**
 * A department's own access policy, in its own folder (`defineDepartment(code, { access })`): it
 * can only tighten the kit's default (docs/security.md), never loosen it.
 */
export interface DepartmentAccess {
  /**
   * The department's own fields, as `Type.field` (`PropertyTransaction.address`, `TaxCase.taxAmount`),
   * that hold personal or confidential data, and how each is kept.
   */
  fields?: Readonly<Record<string, FieldProtection>>;
  /**
   * Refuses what the kit would allow: called with each operation the kit let through (`cases`,
   * `case`, `caseStats`, `caseEvents`, `latestEventCursor`, `submit`, a transition's name, …);
   * a message refuses it as FORBIDDEN, null lets it be.
   */
  refuse?: (caller: Identity, operation: string) => string | null;
}
