import { storedValue } from '@onewindow/runtime';
import type { ApplicantKind, CaseStatus, SpecialProcedure } from '../../__generated__/resolvers-types.js';
import { CASE_STATUS_LABELS, SPECIAL_PROCEDURE_LABELS } from './labels.js';

/**
 * The lifecycle's enums as the database stores them: plain strings. Read back, each must be one
 * of the contract's values, which the label tables list.
 */
export const storedStatus = (value: string): CaseStatus => storedValue(CASE_STATUS_LABELS, value, 'case status');
export const storedProcedure = (value: string): SpecialProcedure =>
  storedValue(SPECIAL_PROCEDURE_LABELS, value, 'special procedure');

/** A stored status that may be absent (the submission's event starts from none). */
export const storedStatusOrNull = (value: string | null): CaseStatus | null =>
  value === null ? null : storedStatus(value);

const APPLICANT_KINDS: readonly ApplicantKind[] = ['PERSON', 'ENTERPRISE'];
export const storedApplicantKind = (value: string): ApplicantKind =>
  storedValue(APPLICANT_KINDS, value, 'applicant kind');
