import type { ApplicantKind, CaseStatus, SpecialProcedure } from '../../__generated__/resolvers-types.js';
import { CASE_STATUS_LABELS, SPECIAL_PROCEDURE_LABELS } from './labels.js';

/**
 * The lifecycle's enums as the database stores them: plain strings (SQLite has no enums). Read
 * back, each must be one of the contract's values, which the label tables list; anything else is
 * a fault in the data, reported as such rather than passed on.
 */
function storedValue<T extends string>(values: Readonly<Record<T, unknown>>, what: string) {
  const isValue = (value: string): value is T => Object.hasOwn(values, value);
  return (value: string): T => {
    if (!isValue(value)) throw new Error(`Unknown ${what} "${value}" in the database`);
    return value;
  };
}

export const storedStatus = storedValue<CaseStatus>(CASE_STATUS_LABELS, 'case status');
export const storedProcedure = storedValue<SpecialProcedure>(SPECIAL_PROCEDURE_LABELS, 'special procedure');

/** A stored status that may be absent (the submission's event starts from none). */
export const storedStatusOrNull = (value: string | null): CaseStatus | null =>
  value === null ? null : storedStatus(value);

const APPLICANT_KINDS: Readonly<Record<ApplicantKind, true>> = { PERSON: true, ENTERPRISE: true };
export const storedApplicantKind = storedValue<ApplicantKind>(APPLICANT_KINDS, 'applicant kind');

/** A list of names kept as a JSON array (missing materials); none when absent. */
export function storedList(json: string | null): string[] {
  if (!json) return [];
  const list: unknown = JSON.parse(json);
  if (!Array.isArray(list) || !list.every((name) => typeof name === 'string'))
    throw new Error(`Not a list of names in the database: ${json}`);
  return list;
}
