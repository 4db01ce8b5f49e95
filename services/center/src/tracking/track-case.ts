import { findDepartment } from '@onewindow/schema';
import { DepartmentUnavailableError, NotFoundError } from '@onewindow/kit';

/** The same answer for an unknown number and a wrong code, so numbers cannot be enumerated. */
const notFound = () => new NotFoundError('No case with this number and verification code.');

/**
 * Tracks a case for the public: the department is read off the case number
 * (`HOUSING-20260115-000123` belongs to housing), which answers only when the code matches.
 */
export async function trackCase(departmentUrls: Record<string, string>, number: string, verificationCode: string) {
  const code = number.split('-')[0]?.toLowerCase() ?? '';
  const url = departmentUrls[code];
  if (!findDepartment(code) || !url || !/^\d{6}$/.test(verificationCode.trim())) throw notFound();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query Track($number: String!, $code: String!) { ${code} { trackCase(number: $number, verificationCode: $code) {
        number itemName departmentName status submittedAt deadline concludedAt timeline { at status } } } }`,
      variables: { number: number.trim(), code: verificationCode.trim() },
    }),
    signal: AbortSignal.timeout(5000),
  }).catch(() => null);
  const body = (await response?.json().catch(() => null)) as { data?: Record<string, { trackCase: Record<string, unknown> | null }> } | null;
  if (!body?.data) throw new DepartmentUnavailableError(code, 'case tracking is unavailable; try again later');
  const found = body.data[code]?.trackCase;
  if (!found) throw notFound();
  return found;
}
