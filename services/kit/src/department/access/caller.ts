import { ForbiddenError, UnauthenticatedError, isStaffOf, type Identity } from '@onewindow/runtime';

/**
 * Who the caller is to one department: its own officers and chiefs, another department's, or a
 * role that means the same everywhere. Every access rule of the kit starts from this.
 */
export const isOwnStaff = (caller: Identity, department: string): boolean => isStaffOf(caller, department);

/** An officer or a chief of some other department. */
export const isOtherDepartmentStaff = (caller: Identity, department: string): boolean =>
  (caller.role === 'officer' || caller.role === 'chief') && caller.department !== department;

/** An applicant's own ID number as the cases store it (trimmed, upper case). */
export const applicantIdNumberOf = (caller: Identity): string => caller.sub.trim().toUpperCase();

/** The public may use the catalog and tracking only: anything else asks them to sign in. */
export function refusePublic(caller: Identity, what: string): void {
  if (caller.role === 'public')
    throw new UnauthenticatedError(`Sign in to use ${what}: it is not served to the public.`);
}

/** FORBIDDEN for an officer or chief of another department. */
export function refuseOtherDepartment(caller: Identity, department: string, what: string): void {
  if (isOtherDepartmentStaff(caller, department))
    throw new ForbiddenError(
      `${caller.role === 'chief' ? 'A chief representative' : 'An officer'} of ${caller.department} may not ${what} of ${department}.`,
      {
        department,
      },
    );
}
