import type { BaseContext, RateLimiter, ServiceClient } from '@onewindow/runtime';
import type { PrismaClient } from './__generated__/prisma/client.js';
import type { RequestAudit } from './audit/request-audit.js';
import type { CenterLoaders } from './loaders.js';
import type { JointKind } from './joint/limit.js';

/** The context of one request to the center subgraph. */
export interface CenterContext extends BaseContext {
  db: PrismaClient;
  loaders: CenterLoaders;
  /** The one client of the departments (by code) and the hub (`hub`): cases, catalogs and statistics are theirs. */
  services: ServiceClient;
  /**
   * Who acts, as the center records it (the kit's `actingCaller`): `role:sub`, an applicant by their
   * `Applicant.id`, never the ID number. Owner of idempotency keys, `receivedBy`, `verifiedBy`, …
   */
  actor: string;
  /** The secret of applicants' opaque IDs (APPLICANT_ID_SECRET, shared with the departments). */
  applicantSecret: string;
  /** This request's audit: its writes and its reads of personal data. */
  audit: RequestAudit;
  /** Limits case-tracking attempts per client. */
  trackingLimiter: RateLimiter;
  /** Sends every joint-application part that may go to its department now, as the center itself. */
  dispatchJointParts: () => Promise<number>;
  /** The instant the request is answered as of (the center's clock, read once per request). */
  now: Date;
  /** Working days a follow-up has to be rectified (`RECTIFICATION_WORKING_DAYS`). */
  rectificationWorkingDays: number;
  /** 预警 threshold of joint applications (`SUPERVISION_WARNING_DAYS`). */
  warningDays: number;
  /** The §42 limit of each kind of joint handling (`JOINT_LIMIT_WORKING_DAYS`). */
  jointLimits: Record<JointKind, number>;
}
