import { findDepartment } from '@onewindow/schema';
import { DepartmentUnavailableError, NotFoundError } from '@onewindow/runtime';
import { postGraphQL } from '../graphql-client.js';

/** A case as its department shows it to the public, with the department's code. */
export interface PublicCaseAnswer {
  department: string;
  caseId: string;
  number: string;
  status: string;
  [field: string]: unknown;
}

/** The same answer for an unknown number and a wrong code, so numbers cannot be enumerated. */
const notFound = () => new NotFoundError('No case with this number and verification code.');

/**
 * Tracks a case for the public: the department is read off the case number
 * (`HOUSING-20260115-000123` belongs to housing), which answers only when the code matches.
 */
export async function trackCase(departmentUrls: Record<string, string>, number: string, verificationCode: string): Promise<PublicCaseAnswer> {
  const code = number.split('-')[0]?.toLowerCase() ?? '';
  if (!findDepartment(code) || !/^\d{6}$/.test(verificationCode.trim())) throw notFound();
  const answer = await postGraphQL<Record<string, { trackCase: PublicCaseAnswer | null }>>(
    departmentUrls[code],
    `query Track($number: String!, $code: String!) { ${code} { trackCase(number: $number, verificationCode: $code) {
        caseId number itemName departmentName status statusLabel submittedAt deadline deadlineProvisional concludedAt
        timeline { at status statusLabel } } } }`,
    { number: number.trim(), code: verificationCode.trim() },
    5000,
  );
  if (!answer?.data) throw new DepartmentUnavailableError(code, 'case tracking is unavailable; try again later');
  const found = answer.data[code]?.trackCase;
  if (!found) throw notFound();
  return { ...found, department: code };
}
