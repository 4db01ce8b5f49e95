import type { DepartmentEntry } from '@onewindow/schema';
import { chinaDay } from './working-days.js';

/**
 * Case numbers read like receipts: HOUSING-20260115-000123, the department, the day of
 * submission (China time) and the case's local id. The lifecycle numbers new cases, the demo
 * seeder its history, both by this rule.
 */
export function caseNumber(department: DepartmentEntry, submittedAt: Date, id: number): string {
  return `${department.code.toUpperCase()}-${chinaDay(submittedAt).replaceAll('-', '')}-${String(id).padStart(6, '0')}`;
}
