import { z } from 'zod';

/**
 * Who may ask the hub anything. Each data owner (a department, the center) decides per role what
 * it serves and accepts; the roles themselves mean the same everywhere.
 */
export const ROLES = [
  /** No token: the catalog and tracking one's case by number and verification code. */
  'public',
  /** A person or a company, by resident ID number or unified social credit code (`sub`). */
  'applicant',
  /** Center window staff (综合窗口). */
  'window',
  /** Staff of one department (`department`). */
  'officer',
  /** 首席代表: a department officer at the center, with window authority for named items (`items`). */
  'chief',
  /** 效能监察: reads everything, writes none of a department's data. */
  'supervisor',
  /** Aggregates, and cases with personal data masked. */
  'analyst',
  /** Reads the audit records. */
  'auditor',
  /** A service acting on its own (the center following the departments' feeds), never a person. */
  'service',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by staff of the center or a department (not the public, applicants, or services). */
export const STAFF_ROLES: ReadonlySet<Role> = new Set([
  'window',
  'officer',
  'chief',
  'supervisor',
  'analyst',
  'auditor',
]);

/** A verified caller, as every service sees it. */
export interface Identity {
  /** Who: a staff ID, an applicant's ID number, `service:<name>`, or `anonymous` for the public. */
  sub: string;
  role: Role;
  /** Officers and chiefs: their department's registry code. */
  department?: string;
  /** Chiefs: the item codes of their department they may decide at the window (窗口授权). */
  items?: readonly string[];
  /** The client's address as the gateway saw it (after its trusted proxies). */
  ip: string;
}

/** The caller with no token. */
export function publicIdentity(ip: string): Identity {
  return { sub: 'anonymous', role: 'public', ip };
}

export const isStaff = (identity: Identity): boolean => STAFF_ROLES.has(identity.role);

/** Officers and chiefs of `department`: the department's own staff. */
export const isStaffOf = (identity: Identity, department: string): boolean =>
  (identity.role === 'officer' || identity.role === 'chief') && identity.department === department;

/** What an event, a follow-up or a bulletin records as the acting person: the verified role and subject. */
export const actingPerson = (identity: Identity): string => `${identity.role}:${identity.sub}`;

const subject = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:@-]+$/, 'letters, digits and . : @ - only');
const departmentCode = z.string().regex(/^[a-z][a-z0-9]{1,19}$/);
const itemCode = z.string().min(1).max(64);

/**
 * The claims that describe a caller, in a user's token and in the internal identity token alike.
 * A department is required of officers and chiefs and refused for everyone else, so a claim
 * never means more than its role.
 */
export const identityClaims = z
  .object({
    sub: subject,
    role: z.enum(ROLES),
    department: departmentCode.optional(),
    items: z.array(itemCode).max(500).optional(),
  })
  .superRefine((claims, context) => {
    const departmental = claims.role === 'officer' || claims.role === 'chief';
    if (departmental && !claims.department)
      context.addIssue({
        code: 'custom',
        message: `${claims.role === 'officer' ? 'an' : 'a'} ${claims.role} needs a department`,
        path: ['department'],
      });
    if (!departmental && claims.department)
      context.addIssue({ code: 'custom', message: `the role ${claims.role} has no department`, path: ['department'] });
    if (claims.role !== 'chief' && claims.items)
      context.addIssue({ code: 'custom', message: 'only a chief has window items', path: ['items'] });
  });
export type IdentityClaims = z.infer<typeof identityClaims>;
