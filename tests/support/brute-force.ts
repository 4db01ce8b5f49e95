import Database from 'better-sqlite3';
import { join } from 'node:path';
import { departments } from '../../schema/src/index.js';
import { isOverdue, supervisionLevel, type SupervisionLevel } from '../../services/kit/src/index.js';

/** A case as read straight from a department's database, for brute-force answers. */
export interface RawCase {
  id: string;
  departmentIndex: number;
  localId: number;
  number: string;
  itemCode: string;
  kind: string;
  applicantName: string;
  applicantIdNumber: string;
  status: string;
  submittedAt: Date;
  acceptedAt: Date | null;
  deadline: Date | null;
  concludedAt: Date | null;
  suspendedAt: Date | null;
  supplementRequestedAt: Date | null;
  workingDaysToConclude: number | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

/** Every case of every department, read from the database files (the brute-force side of a comparison). */
export function readAllCases(dataDir: string): RawCase[] {
  return departments.flatMap((department, departmentIndex) => {
    const db = new Database(join(dataDir, `${department.code}.db`), { readonly: true });
    try {
      const rows = db.prepare('SELECT c.*, i.kind FROM "Case" c JOIN "Item" i ON i.code = c.itemCode').all() as Record<
        string,
        any
      >[];
      return rows.map((row) => ({
        id: `${department.code}:${row.id}`,
        departmentIndex,
        localId: row.id,
        number: row.number,
        itemCode: row.itemCode,
        kind: row.kind,
        applicantName: row.applicantName,
        applicantIdNumber: row.applicantIdNumber,
        status: row.status,
        submittedAt: new Date(row.submittedAt),
        acceptedAt: date(row.acceptedAt),
        deadline: date(row.deadline),
        concludedAt: date(row.concludedAt),
        suspendedAt: date(row.suspendedAt),
        supplementRequestedAt: date(row.supplementRequestedAt),
        workingDaysToConclude: row.workingDaysToConclude,
      }));
    } finally {
      db.close();
    }
  });
}

export interface Filter {
  departments?: string[];
  statuses?: string[];
  itemCodes?: string[];
  kind?: string;
  submittedFrom?: string;
  submittedTo?: string;
  acceptedFrom?: string;
  concludedTo?: string;
  overdue?: boolean;
  supervisionLevels?: SupervisionLevel[];
  applicantIdNumber?: string;
  text?: string;
}

const inRange = (value: Date | null, from?: string, to?: string) =>
  (!from || (value !== null && value >= new Date(from))) && (!to || (value !== null && value < new Date(to)));

/** The filter's meaning, written plainly over rows in memory. */
export function matches(c: RawCase, filter: Filter, now: Date, warningDays = 3): boolean {
  const code = departments[c.departmentIndex]!.code;
  return (
    (!filter.departments || filter.departments.includes(code)) &&
    (!filter.statuses || filter.statuses.includes(c.status)) &&
    (!filter.itemCodes || filter.itemCodes.includes(c.itemCode)) &&
    (!filter.kind || c.kind === filter.kind) &&
    inRange(c.submittedAt, filter.submittedFrom, filter.submittedTo) &&
    inRange(c.acceptedAt, filter.acceptedFrom) &&
    inRange(c.concludedAt, undefined, filter.concludedTo) &&
    (filter.overdue === undefined || isOverdue(c, now) === filter.overdue) &&
    (!filter.supervisionLevels || filter.supervisionLevels.includes(supervisionLevel(c, now, warningDays))) &&
    (!filter.applicantIdNumber || c.applicantIdNumber === filter.applicantIdNumber) &&
    (!filter.text || c.number.includes(filter.text) || c.applicantName.includes(filter.text))
  );
}

export type OrderField = 'SUBMITTED_AT' | 'DEADLINE' | 'NUMBER';

/** The hub's total order: the sort key (cases without a deadline last), then registry position, then id. */
export function compareCases(field: OrderField, direction: 'ASC' | 'DESC') {
  const none = direction === 'ASC' ? '9999' : '0000';
  const key = (c: RawCase) =>
    field === 'NUMBER'
      ? c.number
      : field === 'DEADLINE'
        ? (c.deadline?.toISOString() ?? none)
        : c.submittedAt.toISOString();
  const sign = direction === 'ASC' ? 1 : -1;
  return (a: RawCase, b: RawCase) =>
    sign * (key(a).localeCompare(key(b)) || a.departmentIndex - b.departmentIndex || a.localId - b.localId);
}
