import { centerService, departments, subgraphUrl } from '@onewindow/schema';
import { commonEnvSchema, loadEnv, portSchema, repoRoot, signingKeyEnv } from '@onewindow/runtime';
import { applicantSecretEnv, withApplicantSecret } from '@onewindow/runtime';
import { z } from 'zod';
import { jointLimitsSchema } from './joint/limit.js';

const centerEnvSchema = commonEnvSchema
  .extend({
    PORT: portSchema.default(centerService.port),
    DATA_DIR: z.string().default(`${repoRoot}.data`),
    /**
     * The center's PostgreSQL database (postgres://user:password@host:port/database), instead of
     * the SQLite file `center.db` in DATA_DIR. Its migrations are applied at start.
     */
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    /** How often the center reads the departments' change feeds. */
    FEED_POLL_MS: z.coerce.number().int().min(100).default(2000),
    /** Where a department's feed is first read from: `end` (only what happens next) or `beginning`. */
    FEED_START: z.enum(['end', 'beginning']).default('end'),
    /** Case-tracking attempts a client may make per minute (远程查询). */
    TRACKING_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    /** Working days a follow-up (complaint, bad review, late conclusion) has to be rectified: 5 to 15. */
    RECTIFICATION_WORKING_DAYS: z.coerce.number().int().min(5).max(15).default(10),
    /** 预警 threshold of joint applications, as the departments' for cases: 2 to 20 working days. */
    SUPERVISION_WARNING_DAYS: z.coerce.number().int().min(2).max(20).default(3),
    /** §42 limit per kind of joint handling, e.g. `UNIFIED=45,JOINT=45,CENTRALIZED=45`; a kind not named keeps 45. */
    JOINT_LIMIT_WORKING_DAYS: jointLimitsSchema,
    /** The center's own key, to call the departments as itself (following the feeds, sending joint parts). */
    ...signingKeyEnv,
    /** The departments' applicant ID secret: an applicant's notifications are keyed by their `Applicant.id`. */
    ...applicantSecretEnv,
  })
  .transform(withApplicantSecret);

export interface CenterEnv extends z.infer<typeof centerEnvSchema> {
  /** Each department's subgraph URL (`<CODE>_URL` overrides the default). */
  departmentUrls: Record<string, string>;
  /** The hub's URL (`HUB_URL`), for federated statistics. */
  hubUrl: string;
}

/** The center's configuration, validated at start (all problems reported at once). */
export function loadCenterEnv(env: Record<string, string | undefined> = process.env): CenterEnv {
  return {
    ...loadEnv(centerEnvSchema, env),
    departmentUrls: Object.fromEntries(departments.map((d) => [d.code, subgraphUrl(d.code, env)])),
    hubUrl: subgraphUrl('hub', env),
  };
}
