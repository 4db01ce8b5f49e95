import { storedValue } from '@onewindow/runtime';

/** What a window handles: any department's applications (综合受理窗口), or one department's. */
export const WINDOW_KINDS = ['COMPREHENSIVE', 'DEPARTMENT'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** The part a member of staff plays: window clerk, chief representative (首席代表), supervisor (督查). */
export const STAFF_ROLES = ['WINDOW_CLERK', 'CHIEF_REPRESENTATIVE', 'SUPERVISOR'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const storedWindowKind = (value: string): WindowKind => storedValue(WINDOW_KINDS, value, 'window kind');
export const storedStaffRole = (value: string): StaffRole => storedValue(STAFF_ROLES, value, 'staff role');
