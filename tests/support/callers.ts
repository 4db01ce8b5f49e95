/**
 * Who the tests act as, and the headers that make a request act as them wherever it goes: a
 * gateway reads the bearer token (a development user token), a subgraph the internal identity
 * token the gateway would have signed. Each ignores the other's header, so one set of headers
 * serves a test that sends to a gateway or straight to a department alike.
 */
import { existsSync } from 'node:fs';
import { loadCatalog } from '../../services/kit/src/index.js';
import { IDENTITY_HEADER, identitySignerFrom, type IdentitySigner } from '../../services/runtime/src/index.js';
import { internalToken, userToken, type Caller } from './identity.js';

export type { Caller } from './identity.js';

/** Window staff (综合窗口): receive, resubmit and withdraw applications for any department. */
export const WINDOW: Caller = { role: 'window', sub: 'window-W01' };
/** 效能监察: reads every department's cases. */
export const SUPERVISOR: Caller = { role: 'supervisor', sub: 'supervisor-1' };
/** Aggregates, and cases masked. */
export const ANALYST: Caller = { role: 'analyst', sub: 'analyst-1' };
/** Reads the audit records. */
export const AUDITOR: Caller = { role: 'auditor', sub: 'auditor-1' };

/** An officer of `department`: every step of its cases but deciding on the spot. */
export const officerOf = (department: string, sub = `officer-${department}`): Caller => ({
  role: 'officer',
  department,
  sub,
});

/** The item codes of a department's committed catalog (none for a department the test made up). */
function catalogCodes(department: string): string[] {
  const file = new URL(`../../services/${department}/src/catalog.json`, import.meta.url);
  return existsSync(file) ? loadCatalog(file).map((item) => item.code) : [];
}

/**
 * A chief representative (首席代表) of `department`, authorized at the window for `items` (every
 * item of its catalog unless given): every step of its cases, deciding on the spot included.
 */
export const chiefOf = (department: string, items: readonly string[] = catalogCodes(department)): Caller => ({
  role: 'chief',
  department,
  sub: `chief-${department}`,
  items,
});

/**
 * The center acting on its own (following the feeds, sending joint applications' parts): its token
 * is signed with the center's own key, never the gateway's, and reaches subgraphs only.
 */
export const CENTER_SERVICE: Caller = { role: 'service', sub: 'service:center' };

/** An applicant by their resident ID number or credit code. */
export const applicantWith = (idNumber: string): Caller => ({ role: 'applicant', sub: idNumber });

/** How long signed headers are reused: well inside the internal token's 120 seconds. */
const REUSE_MS = 60_000;
const signed = new Map<string, { headers: Promise<Record<string, string>>; until: number }>();

/** Headers acting as `caller` at a gateway and at a subgraph alike (reused for a minute). */
export function headersFor(caller: Caller): Promise<Record<string, string>> {
  const key = JSON.stringify(caller);
  const now = Date.now();
  const cached = signed.get(key);
  if (cached && cached.until > now) return cached.headers;
  const headers =
    caller.role === 'service'
      ? serviceToken(caller).then((internal) => ({ [IDENTITY_HEADER]: internal }))
      : Promise.all([userToken(caller), internalToken(caller)]).then(([user, internal]) => ({
          authorization: `Bearer ${user}`,
          [IDENTITY_HEADER]: internal,
        }));
  signed.set(key, { headers, until: now + REUSE_MS });
  return headers;
}

let centerSigner: Promise<IdentitySigner> | undefined;

/** A service's own token, as the center signs it for its background work. */
async function serviceToken(caller: Caller): Promise<string> {
  if (caller.sub !== CENTER_SERVICE.sub) throw new Error(`Only the center signs service tokens, not ${caller.sub}`);
  centerSigner ??= identitySignerFrom('center', { NODE_ENV: 'test' });
  return (await centerSigner).signAsService('center');
}
