import type { DepartmentEntry } from '@onewindow/schema';
import type { AuditTrail, BaseContext, RateLimiter } from '@onewindow/runtime';
import type { DepartmentAccess } from './access/policy.js';
import type { PersonalReads } from './access/personal-reads.js';
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
  /** The department's own tightening of the kit's access policy (access/policy.ts). */
  policy: DepartmentAccess;
  /** The personal data this request returned: one `read:personal` audit record at its end. */
  personalReads: PersonalReads;
  /** The department's audit trail: writes append to it in their transaction. */
  audit: AuditTrail;
  /** Public tracking's limit per client (`trackCase`). */
  trackingLimiter: RateLimiter;
}
