import { findDepartment } from '@onewindow/schema';
import { NotFoundError, departmentOperation, type ServiceClient } from '@onewindow/runtime';
import { CenterTrackCaseDocument, type CenterTrackCaseQuery } from '../__generated__/department-operations.js';

/** A case as its department shows it to the public, with the department's code. */
export type PublicCaseAnswer = NonNullable<CenterTrackCaseQuery['template']['trackCase']> & { department: string };

/** The same answer for an unknown number and a wrong code, so numbers cannot be enumerated. */
const notFound = () => new NotFoundError('No case with this number and verification code.');

/**
 * Tracks a case for the public: the department is read off the case number
 * (`HOUSING-20260115-000123` belongs to housing), which answers only when the code matches.
 */
export async function trackCase(
  services: ServiceClient,
  number: string,
  verificationCode: string,
): Promise<PublicCaseAnswer> {
  const code = number.split('-')[0]?.toLowerCase() ?? '';
  const department = findDepartment(code);
  if (!department || !/^\d{6}$/.test(verificationCode.trim())) throw notFound();
  const data = await services.request(
    code,
    departmentOperation(CenterTrackCaseDocument, department),
    { number: number.trim(), code: verificationCode.trim() },
    { timeoutMs: 5000 },
  );
  const found = data.template.trackCase;
  if (!found) throw notFound();
  return { ...found, department: code };
}
