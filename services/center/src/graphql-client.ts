import { findDepartment } from '@onewindow/schema';
import { DepartmentUnavailableError, NotFoundError, parseGlobalId } from '@onewindow/runtime';

/** A GraphQL answer as it comes over the wire. */
export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Posts a GraphQL request to another service (a department or the hub). Null when it did not
 * answer within `timeoutMs` or answered with something that is not JSON: the caller decides
 * whether that is an error for its client or something to retry.
 */
export async function postGraphQL<T>(url: string | undefined, query: string, variables: Record<string, unknown>, timeoutMs: number): Promise<GraphQLAnswer<T> | null> {
  if (!url) return null;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  } catch {
    return null;
  }
}

/** The data of a request that must succeed; DEPARTMENT_UNAVAILABLE (naming `service`) when it does not. */
export async function askService<T>(url: string | undefined, service: string, query: string, variables: Record<string, unknown>, options: { timeoutMs: number; what: string }): Promise<T> {
  const answer = await postGraphQL<T>(url, query, variables, options.timeoutMs);
  if (!answer?.data) throw new DepartmentUnavailableError(service, `${options.what} could not be read`);
  return answer.data;
}

/** A department's case as the center needs it to refer to it. */
export interface CaseReference {
  department: string;
  caseId: string;
  caseNumber: string;
}

/**
 * Checks with its department that a case exists (the center keeps no copy of cases). An ID that
 * names no department, or that its department does not know, is NOT_FOUND.
 */
export async function findDepartmentCase(urls: Record<string, string>, caseId: string): Promise<CaseReference> {
  const { department } = parseGlobalId(caseId);
  if (!findDepartment(department)) throw new NotFoundError(`No case "${caseId}": it names no department.`, { caseId });
  const data = await askService<Record<string, { case: { id: string; number: string } | null }>>(
    urls[department],
    department,
    `query CenterCase($id: ID!) { ${department} { case(id: $id) { id number } } }`,
    { id: caseId },
    { timeoutMs: 5000, what: 'the case' },
  );
  const found = data[department]?.case;
  if (!found) throw new NotFoundError(`No case "${caseId}" in ${department}.`, { caseId });
  return { department, caseId: found.id, caseNumber: found.number };
}
