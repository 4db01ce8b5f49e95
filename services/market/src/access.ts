import type { DepartmentAccess } from '@onewindow/kit';

/**
 * Market regulation's own access policy, beyond the kit's: an enterprise's legal representative
 * is a person, its credit code is the applicant's ID number, and its name the applicant's name,
 * which the contract never shows whole to analysts either.
 */
export const access: DepartmentAccess = {
  fields: {
    'Enterprise.name': 'name',
    'Enterprise.legalRepresentative': 'name',
    'Enterprise.creditCode': 'idNumber',
    'MarketCase.creditCode': 'idNumber',
  },
};
