import type { DepartmentAccess } from '@onewindow/kit';

/**
 * Market regulation's own access policy, beyond the kit's: an enterprise's legal representative
 * is a person, and its credit code is the applicant's ID number, which the contract never shows
 * whole to analysts either.
 */
export const access: DepartmentAccess = {
  fields: {
    'Enterprise.legalRepresentative': 'name',
    'Enterprise.creditCode': 'idNumber',
    'MarketCase.creditCode': 'idNumber',
  },
};
