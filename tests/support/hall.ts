/**
 * The center as tests meet it: its seeded hall (windows and staff) and requests to it as a verified
 * caller. The hall's people sign in with their staff key as `sub`: clerk S01 is `window:S01`.
 */
import { headersFor, type Caller } from './callers.js';
import { post, query, type GraphQLResult } from './graphql.js';

/** Clerk `n` of the seeded hall (S01, S02, …): window staff. */
export const clerk = (n = 1): Caller => ({ role: 'window', sub: `S${String(n).padStart(2, '0')}` });
/** The hall's supervisor (中心督查, S00). */
export const CENTER_SUPERVISOR: Caller = { role: 'supervisor', sub: 'S00' };

/** Requests to the center (its subgraph, or a gateway in front of it) as a caller. */
export interface CenterAs {
  /** Data of a request that must succeed. */
  query: <T = Record<string, any>>(caller: Caller, text: string, variables?: Record<string, unknown>) => Promise<T>;
  /** The HTTP status and body of any request. */
  post: (
    caller: Caller | null,
    text: string,
    variables?: Record<string, unknown>,
  ) => Promise<{ status: number; body: GraphQLResult<Record<string, any>> }>;
  /** The code of a request's first error (undefined when it succeeds). */
  code: (caller: Caller | null, text: string, variables?: Record<string, unknown>) => Promise<unknown>;
}

/** Requests to `url` as a caller; `null` is the public (no token). */
export function centerAs(url: string): CenterAs {
  const headers = async (caller: Caller | null) => (caller ? headersFor(caller) : {});
  const send = async (caller: Caller | null, text: string, variables: Record<string, unknown> = {}) =>
    post(url, text, variables, await headers(caller));
  return {
    query: async (caller, text, variables = {}) => query(url, text, variables, await headers(caller)),
    post: send,
    code: async (caller, text, variables) => (await send(caller, text, variables)).body.errors?.[0]?.extensions?.code,
  };
}

/** The staff ID (`center:C04`) of a department's chief representative (首席代表) in the seeded hall. */
export async function chiefRepresentativeId(centerUrl: string, department: string): Promise<string> {
  const { staff } = await centerAs(centerUrl).query<{ staff: { id: string; role: string; departmentCode: string }[] }>(
    CENTER_SUPERVISOR,
    '{ staff { id role departmentCode } }',
  );
  const chief = staff.find((s) => s.role === 'CHIEF_REPRESENTATIVE' && s.departmentCode === department);
  if (!chief) throw new Error(`The seeded hall has no chief representative of ${department}.`);
  return chief.id;
}
