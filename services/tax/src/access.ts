import type { DepartmentAccess } from '@onewindow/kit';

/**
 * Taxation's own access policy, beyond the kit's: a property transaction's address is the owner's
 * personal data, and what was paid and levied is confidential tax information (税收保密): analysts
 * get none of them. Everyone else reads them as the kit's policy allows.
 */
export const access: DepartmentAccess = {
  fields: {
    'PropertyTransaction.address': 'personal',
    'PropertyTransaction.price': 'confidential',
    'PropertyTransaction.taxAmount': 'confidential',
    'TaxCase.taxAmount': 'confidential',
  },
};
