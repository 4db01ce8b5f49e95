import type { DepartmentEntry } from '@onewindow/schema';
import type { BaseContext } from '@onewindow/runtime';
import type { SqlReader } from '../db/reader.js';
import type { KitDatabase } from './database.js';
import type { ContractLoaders } from './loaders.js';

/**
 * The context of one request to a department subgraph. `own` holds the department's own
 * loaders (its src/loaders.ts), created per request beside the contract loaders.
 */
export interface DepartmentContext<TOwnLoaders = unknown> extends BaseContext {
  department: DepartmentEntry;
  db: KitDatabase;
  /** A read-only connection for the raw SQL of case pages and statistics (db/reader.ts). */
  reader: SqlReader;
  loaders: ContractLoaders;
  own: TOwnLoaders;
  /** The instant the request is answered as of: every overdue and remaining-days figure uses it. */
  now: Date;
  /** 预警 threshold: working days left at which an open case is flagged WARNING. */
  warningDays: number;
  /** The secret every department shares for applicant IDs (applicant-id.ts). */
  applicantSecret: string;
}
