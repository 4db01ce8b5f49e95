import { ForbiddenError, UnauthenticatedError, type Identity, type Role } from '@onewindow/runtime';
import { applicantGlobalId, applicantKey } from '@onewindow/runtime';
import type { MutationResolvers, QueryResolvers } from './__generated__/resolvers-types.js';

/**
 * What a role gets of one of the center's root fields:
 * - `yes`: all of it;
 * - `own`: the caller's own records only (an applicant's notifications, a clerk's inquiries);
 * - `department`: the records of the caller's department only (officers and chiefs);
 * - `center`: the center's own records only (follow-ups about its windows, no department's);
 * - `masked`: all of it, with personal data masked (analysts);
 * - `no`: FORBIDDEN (UNAUTHENTICATED for the public).
 */
export type Grant = 'yes' | 'own' | 'department' | 'center' | 'masked' | 'no';

/** Every root field of the center. */
export type CenterField = keyof QueryResolvers | keyof MutationResolvers;

type Row = Readonly<Record<Role, Grant>>;

/** A row that gives every role the same. */
const everyone = (grant: Grant): Row => ({
  public: grant,
  applicant: grant,
  window: grant,
  officer: grant,
  chief: grant,
  supervisor: grant,
  analyst: grant,
  auditor: grant,
  service: grant,
});
const nobody = everyone('no');
/** Only the roles named, with their grants. */
const only = (grants: Partial<Record<Role, Grant>>): Row => ({ ...nobody, ...grants });
/** Anyone signed in, no service (the hall directory as it is posted in the hall). */
const signedIn: Row = { ...everyone('yes'), public: 'no', service: 'no' };
/** Aggregates and published numbers: every member of staff, nothing personal in them. */
const staff = only({ window: 'yes', officer: 'yes', chief: 'yes', supervisor: 'yes', analyst: 'yes', auditor: 'yes' });
/** Supervision's reads of the center's records: its own department for an officer or chief, masked for analysts. */
const supervised = only({ officer: 'department', chief: 'department', supervisor: 'yes', analyst: 'masked' });

/**
 * The center's access policy, one row per root field (docs/security.md, "What the center serves").
 * A root field without a row cannot exist: the table's type names every field of the schema, and
 * `guardRootFields` refuses before any resolver runs what a row says `no` to.
 */
export const CENTER_POLICY: Readonly<Record<CenterField, Row>> = {
  // Public: tracking and grading one's case by its receipt (rate-limited), and the calendar (public law;
  // departments read its changes without a user).
  trackCase: everyone('yes'),
  evaluateCase: everyone('yes'),
  calendarYear: everyone('yes'),
  calendarChanges: everyone('yes'),
  calendarWarnings: everyone('yes'),

  // The hall.
  windows: signedIn,
  window: signedIn,
  staff: signedIn,
  catalogCoverage: staff,
  // Window authority is the department's to grant to its chief representative, not the chief's own.
  authorizeAtWindow: only({ officer: 'department' }),

  // Applicants at the window and 首问负责: registering returns the stored name (a lookup), so window staff only.
  registerApplicant: only({ window: 'yes' }),
  takeInquiry: only({ window: 'yes' }),
  closeInquiry: only({ window: 'own' }),
  openInquiries: only({ window: 'own' }),

  // What applicants were told: their own, at the window, their department's, supervision.
  notifications: only({
    applicant: 'own',
    window: 'yes',
    officer: 'department',
    chief: 'department',
    supervisor: 'yes',
  }),

  // 并联审批.
  jointApplication: { ...supervised, applicant: 'own', window: 'yes' },
  jointApplications: { ...supervised, applicant: 'own', window: 'yes' },
  createJointApplication: only({ window: 'yes' }),
  extendJointApplication: only({ supervisor: 'yes' }),

  // 特事特办.
  fastTracks: { ...supervised, window: 'yes' },
  authorizeFastTrack: only({ supervisor: 'yes' }),
  receiveFastTrackMaterials: only({ window: 'yes' }),

  // 月通报 and rates: published numbers.
  bulletin: staff,
  generateBulletin: only({ supervisor: 'yes' }),
  followUpRates: staff,
  publicVoice: staff,

  // 效能投诉, 好差评 and their follow-up.
  complaints: { ...supervised, applicant: 'own' },
  fileComplaint: only({ applicant: 'own', window: 'yes' }),
  evaluations: supervised,
  followUps: supervised,
  followUp: supervised,
  verifyFollowUp: only({ supervisor: 'yes' }),
  recordRectification: only({ officer: 'department', chief: 'department', supervisor: 'center' }),
  giveFollowUpFeedback: only({ officer: 'department', chief: 'department', supervisor: 'yes' }),
  recordRevisit: only({ supervisor: 'yes' }),

  enterCalendarYear: only({ supervisor: 'yes' }),

  auditRecords: only({ auditor: 'yes' }),
};

/**
 * What the public (no identity token) may use: the fields whose row grants the public anything. The
 * runtime's gate refuses the rest before execution (UNAUTHENTICATED).
 */
export const PUBLIC_FIELDS: readonly CenterField[] = (Object.keys(CENTER_POLICY) as CenterField[]).filter(
  (field) => CENTER_POLICY[field].public !== 'no',
);

/** What the policy gives `identity` of `field`; unknown fields get nothing. */
export function grantOf(identity: Identity, field: string): Grant {
  return (CENTER_POLICY as Readonly<Record<string, Row | undefined>>)[field]?.[identity.role] ?? 'no';
}

/** The refusal of `field` to `identity`: UNAUTHENTICATED for the public, FORBIDDEN for anyone else. */
export function refusal(identity: Identity, field: string): Error {
  if (identity.role === 'public')
    return new UnauthenticatedError(`Sign in to use ${field}: it is not served to the public.`);
  return new ForbiddenError(`The role ${identity.role} may not use ${field} at the center.`, { field });
}

/** The grant of `field` to `identity`, refused when it is `no`. */
export function requireGrant(identity: Identity, field: string): Exclude<Grant, 'no'> {
  const grant = grantOf(identity, field);
  if (grant === 'no') throw refusal(identity, field);
  return grant;
}

type FieldResolver = (parent: unknown, args: unknown, context: { identity: Identity }, info: unknown) => unknown;

/**
 * Puts the policy in front of every Query and Mutation resolver: a field the caller's role may not
 * use is refused before its resolver runs, and a root field without a row in the policy does not
 * start (fail closed). Resolvers read the grant (`grantOf`) to narrow what they return.
 */
export function guardRootFields<T extends Record<string, unknown>>(resolvers: T): T {
  const guarded: Record<string, unknown> = { ...resolvers };
  for (const root of ['Query', 'Mutation'] as const) {
    const fields = resolvers[root] as Record<string, FieldResolver> | undefined;
    if (!fields) continue;
    guarded[root] = Object.fromEntries(
      Object.entries(fields).map(([field, resolve]) => {
        if (!(field in CENTER_POLICY)) throw new Error(`${root}.${field} has no row in the center's access policy`);
        const checked: FieldResolver = (parent, args, context, info) => {
          requireGrant(context.identity, field);
          return resolve(parent, args, context, info);
        };
        return [field, checked];
      }),
    );
  }
  return guarded as T;
}

/** An officer's or chief's department; the policy grants `department` to no one else. */
export function departmentOf(identity: Identity): string {
  if (!identity.department) throw new ForbiddenError(`The role ${identity.role} has no department.`);
  return identity.department;
}

/** Whether the caller reads personal data masked (analysts). */
export const readsMasked = (identity: Identity): boolean => identity.role === 'analyst';

/**
 * The opaque applicant IDs (`Applicant.id`) an applicant's verified ID number has, one per kind
 * of applicant: an 18-character number can be read as a resident ID or as a credit code, and the
 * departments key each by its kind. Notifications are matched on these.
 */
export function applicantIdsOf(identity: Identity, secret: string): string[] {
  if (identity.role !== 'applicant') return [];
  return (['PERSON', 'ENTERPRISE'] as const).map((kind) => applicantGlobalId(applicantKey(kind, identity.sub, secret)));
}
