/**
 * Identity under attack (docs/security.md, "Identity end to end"): every bad user token is a 401
 * UNAUTHENTICATED at the gateway, every bad internal identity token a 401 at each subgraph called
 * directly (a department, the hub, the center), a request without a token is the public (the
 * catalog and tracking only), and after each refusal the same service answers a valid request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_TOKEN_TTL_S } from '../../services/runtime/src/index.js';
import { startFederation, type Federation } from '../support/federation.js';
import { asInternal, asUser, internalToken, userToken } from '../support/identity.js';
import {
  bearer,
  centerIssuer,
  centerKey,
  craftInternalToken,
  devIssuerToken,
  forgedEs256Token,
  hs256WithPublicKeyToken,
  internalHeaders,
  strangerEd25519Key,
  unknownRs256Token,
  unsignedToken,
  withPayload,
} from '../support/security-tokens.js';
import { expectAnswered, expectRefused, postGraphQL, type Answer } from '../support/security-requests.js';
import { auditRecordOf, tracedRequest } from '../support/security-audit.js';

let federation: Federation;
/** Where each target is reached: the gateway, and the subgraphs called directly. */
const url = (target: Target) => (target === 'gateway' ? federation.gateway.url : federation.urls[target]!);

type Target = 'gateway' | 'housing' | 'hub' | 'center';
const SUBGRAPH_TARGETS = ['housing', 'hub', 'center'] as const;

/** What only a signed-in caller may read, at each target. */
const PRIVATE_READ: Record<Target, string> = {
  gateway: '{ housing { cases(first: 1) { totalCount } } }',
  housing: '{ housing { cases(first: 1) { totalCount } } }',
  hub: '{ cases(filter: { departments: ["housing"] }, first: 1) { totalCount } }',
  center: '{ jointApplications { id } }',
};

const SUPERVISOR = { role: 'supervisor' } as const;

/** A valid request to `target` as a supervisor answers: the service kept serving. */
async function expectServing(target: Target): Promise<void> {
  const headers = target === 'gateway' ? await asUser(SUPERVISOR) : await asInternal(SUPERVISOR);
  expectAnswered(await postGraphQL(url(target), PRIVATE_READ[target], headers));
}

/** A housing case's number and verification code, read as a window clerk (who sees codes). */
let tracked: { id: string; number: string; verificationCode: string };

beforeAll(async () => {
  federation = await startFederation({ services: ['housing', 'tax', 'hub', 'center', 'gateway'], demoCases: 8 });
  const answer = await postGraphQL<{ housing: { cases: { edges: { node: typeof tracked }[] } } }>(
    federation.urls.housing!,
    '{ housing { cases(first: 1) { edges { node { id number verificationCode } } } } }',
    await asInternal({ role: 'window' }),
  );
  tracked = expectAnswered(answer).housing.cases.edges[0]!.node;
  expect(tracked.verificationCode).toMatch(/^\d{6}$/);
});

afterAll(async () => {
  await federation?.stop();
});

const NOW_S = () => Math.floor(Date.now() / 1000);

describe('users’ tokens at the gateway', () => {
  const refused: [string, () => Promise<string> | string][] = [
    ['signed with another ES256 key under the development kid', () => forgedEs256Token()],
    ['expired ten minutes ago', () => devIssuerToken({ issuedAt: NOW_S() - 3600, expiresAt: NOW_S() - 600 })],
    [
      'expired past the clock tolerance (5 s)',
      () => devIssuerToken({ issuedAt: NOW_S() - 600, expiresAt: NOW_S() - 10 }),
    ],
    ['not valid before an hour from now', () => devIssuerToken({ claims: { nbf: NOW_S() + 3600 } })],
    ['of another issuer', () => devIssuerToken({ issuer: 'https://id.attacker.example' })],
    ['for another audience', () => devIssuerToken({ audience: 'another-hub' })],
    ['HS256 with the provider’s public key as the secret (algorithm confusion)', () => hs256WithPublicKeyToken()],
    ['RS256 with a key the provider never published', () => unknownRs256Token()],
    ['alg: none', () => unsignedToken()],
    ['role service', () => devIssuerToken({ claims: { role: 'service' }, sub: 'service:center' })],
    ['role public', () => devIssuerToken({ claims: { role: 'public' } })],
    ['an unknown role', () => devIssuerToken({ claims: { role: 'admin' } })],
    ['no role', () => devIssuerToken({ claims: { role: undefined } })],
    ['an officer without a department', () => devIssuerToken({ claims: { role: 'officer' } })],
    ['a chief without a department', () => devIssuerToken({ claims: { role: 'chief', items: ['x'] } })],
    ['a supervisor claiming a department', () => devIssuerToken({ claims: { department: 'housing' } })],
    [
      'an officer claiming window items',
      () => devIssuerToken({ claims: { role: 'officer', department: 'housing', items: ['x'] } }),
    ],
    ['a subject with characters no ID has', () => devIssuerToken({ sub: "x' OR 1=1 --" })],
    [
      'its payload changed after signing',
      async () => withPayload(await userToken({ role: 'analyst' }), (p) => ({ ...p, role: 'supervisor' })),
    ],
  ];

  it.each(refused)('a token %s is 401 UNAUTHENTICATED, and the gateway keeps serving', async (_, make) => {
    const answer = await postGraphQL(url('gateway'), PRIVATE_READ.gateway, bearer(await make()));
    expectRefused(answer, 'UNAUTHENTICATED', 401);
    // Even what the public may read is refused: a bad token is not "no token".
    expectRefused(
      await postGraphQL(url('gateway'), '{ housing { department { code } } }', bearer(await make())),
      'UNAUTHENTICATED',
      401,
    );
    await expectServing('gateway');
  });

  const malformed: [string, () => Promise<string> | string][] = [
    ['Basic credentials', () => 'Basic c3VwZXJ2aXNvcjpzZWNyZXQ='],
    ['Bearer without a token', () => 'Bearer'],
    ['Bearer and a space', () => 'Bearer '],
    ['an empty header', () => ''],
    ['a token that is not a JWT', () => 'Bearer not-a-jwt'],
    ['three parts that are not base64url JSON', () => 'Bearer abc.def.ghi'],
    ['a valid token without the scheme', () => userToken(SUPERVISOR)],
    ['a valid token with something after it', async () => `Bearer ${await userToken(SUPERVISOR)} extra`],
    ['two bearer tokens', async () => `Bearer ${await userToken(SUPERVISOR)}, Bearer ${await userToken(SUPERVISOR)}`],
    ['a valid token under another scheme', async () => `Token ${await userToken(SUPERVISOR)}`],
  ];

  it.each(malformed)('an Authorization header with %s is 401 UNAUTHENTICATED', async (_, make) => {
    const answer = await postGraphQL(url('gateway'), PRIVATE_READ.gateway, { authorization: await make() });
    expectRefused(answer, 'UNAUTHENTICATED', 401);
    await expectServing('gateway');
  });

  // docs/security.md, "Audit trail": the gateway records who asked, "and the client's address",
  // refused operations included: a refused token is recorded as the public, from its address.
  it('a forged token’s request is in the gateway’s audit trail as the public, with its address', async () => {
    const traced = tracedRequest('forged-token');
    await postGraphQL(url('gateway'), PRIVATE_READ.gateway, { ...bearer(await forgedEs256Token()), ...traced.headers });
    const record = await auditRecordOf(federation.gateway.baseUrl, traced.requestId);
    expect(record).toMatchObject({
      actor: 'anonymous',
      role: 'public',
      detail: { outcome: 'error', codes: ['UNAUTHENTICATED'], subgraphs: [] },
    });
    expect(record?.detail.ip).toBe('127.0.0.1');
  });

  it('a valid token is accepted (the control for every refusal above)', async () => {
    expectAnswered(await postGraphQL(url('gateway'), PRIVATE_READ.gateway, bearer(await devIssuerToken())));
  });

  it('an internal identity token sent to the gateway is not an identity: the gateway signs its own', async () => {
    const answer = await postGraphQL(url('gateway'), PRIVATE_READ.gateway, await asInternal(SUPERVISOR));
    expectRefused(answer, 'UNAUTHENTICATED');
  });

  it('a user’s bearer token sent straight to a subgraph signs no one in there', async () => {
    for (const target of SUBGRAPH_TARGETS) {
      const answer = await postGraphQL(url(target), PRIVATE_READ[target], await asUser(SUPERVISOR));
      expectRefused(answer, 'UNAUTHENTICATED', 401);
    }
  });
});

describe.each(SUBGRAPH_TARGETS)('internal identity tokens sent straight to %s', (target) => {
  const refused: [string, () => Promise<string> | string][] = [
    [
      'with its payload changed (role) and its signature kept',
      async () => withPayload(await internalToken({ role: 'analyst' }), (p) => ({ ...p, role: 'supervisor' })),
    ],
    [
      'with its payload changed (department) and its signature kept',
      async () =>
        withPayload(await internalToken({ role: 'officer', department: 'tax' }), (p) => ({
          ...p,
          department: 'housing',
        })),
    ],
    [
      'with its expiry pushed back and its signature kept',
      async () => withPayload(await internalToken(SUPERVISOR), (p) => ({ ...p, exp: NOW_S() + 86_400 })),
    ],
    [
      'signed by another Ed25519 key as the gateway',
      async () => craftInternalToken({ key: await strangerEd25519Key() }),
    ],
    [
      'signed by the center’s key claiming a user role',
      () => craftInternalToken({ key: centerKey(), issuer: centerIssuer }),
    ],
    [
      'signed by the center’s key claiming to be another service',
      () =>
        craftInternalToken({ key: centerKey(), issuer: centerIssuer, claims: { role: 'service' }, sub: 'service:hub' }),
    ],
    [
      'signed by the center’s key naming the gateway as issuer',
      () => craftInternalToken({ key: centerKey(), issuer: 'onewindow-gateway' }),
    ],
    [
      'signed by the gateway’s key claiming a service',
      () => craftInternalToken({ claims: { role: 'service' }, sub: 'service:center' }),
    ],
    ['of an issuer no subgraph trusts', () => craftInternalToken({ issuer: 'onewindow-hub' })],
    ['expired', () => craftInternalToken({ issuedAt: NOW_S() - 600, expiresAt: NOW_S() - 480 })],
    [
      'living longer than 120 s (issued 5 minutes ago, expiring in 5)',
      () => craftInternalToken({ issuedAt: NOW_S() - 300, expiresAt: NOW_S() + 300 }),
    ],
    ['for another audience', () => craftInternalToken({ audience: 'onewindow' })],
    ['of another type (a plain JWT)', () => craftInternalToken({ typ: 'JWT' })],
    ['unsigned (alg: none)', () => unsignedToken({ issuer: 'onewindow-gateway', audience: 'onewindow-subgraph' })],
    ['for an officer without a department', () => craftInternalToken({ claims: { role: 'officer' } })],
    ['with an unknown role', () => craftInternalToken({ claims: { role: 'root' } })],
    ['that is not a JWT', () => 'not-a-token'],
    ['that is a user’s token', () => userToken(SUPERVISOR)],
  ];

  it.each(refused)('a token %s is 401 UNAUTHENTICATED, and the service keeps serving', async (_, make) => {
    const answer = await postGraphQL(url(target), PRIVATE_READ[target], internalHeaders(await make()));
    expectRefused(answer, 'UNAUTHENTICATED', 401);
    await expectServing(target);
  });

  it('the center’s own service token is accepted (the control for the service refusals)', async () => {
    const token = await craftInternalToken({
      key: centerKey(),
      issuer: centerIssuer,
      claims: { role: 'service' },
      sub: 'service:center',
    });
    const answer = await postGraphQL(url(target), PRIVATE_READ[target], internalHeaders(token));
    // A department serves the center's service identity; the hub and the center decide for themselves.
    if (target === 'housing') expectAnswered(answer);
    else expect(answer.status).not.toBe(401);
  });

  it('a captured valid token is accepted again within its lifetime (documented: not single-use)', async () => {
    const captured = await internalToken(SUPERVISOR);
    for (let replay = 0; replay < 3; replay += 1)
      expectAnswered(await postGraphQL(url(target), PRIVATE_READ[target], internalHeaders(captured)));
  });

  it('a captured token is refused once it has expired, even after it was accepted (and remembered)', async () => {
    const issuedAt = NOW_S();
    const shortLived = await craftInternalToken({ issuedAt, expiresAt: issuedAt + 2 });
    expectAnswered(await postGraphQL(url(target), PRIVATE_READ[target], internalHeaders(shortLived)));
    await new Promise((resolve) => setTimeout(resolve, (issuedAt + 3) * 1000 - Date.now()));
    expectRefused(
      await postGraphQL(url(target), PRIVATE_READ[target], internalHeaders(shortLived)),
      'UNAUTHENTICATED',
      401,
    );
    await expectServing(target);
  });
});

it('the internal token lives 120 s, as docs/security.md says', () => {
  expect(IDENTITY_TOKEN_TTL_S).toBe(120);
});

describe('the public (no token)', () => {
  const catalog: [Target, string][] = [
    ['gateway', '{ housing { department { code name } items(first: 2) { totalCount edges { node { id name } } } } }'],
    ['housing', '{ housing { department { code name } items(first: 2) { totalCount edges { node { id name } } } } }'],
    ['hub', '{ items(filter: { departments: ["housing"] }, first: 2) { totalCount edges { node { id name } } } }'],
    ['center', '{ calendarYear(year: 2026) { year } }'],
  ];

  it.each(catalog)('reads the catalog (and the calendar) at %s', async (target, text) => {
    expectAnswered(await postGraphQL(url(target), text));
  });

  it('tracks a case by number and verification code at the department, the center and the gateway', async () => {
    const variables = { number: tracked.number, code: tracked.verificationCode };
    const atDepartment = `query($number: String!, $code: String!) {
      housing { trackCase(number: $number, verificationCode: $code) { number status timeline { status } } } }`;
    const atCenter = `query($number: String!, $code: String!) {
      trackCase(number: $number, verificationCode: $code) { number status } }`;
    for (const [target, text] of [
      ['housing', atDepartment],
      ['gateway', atDepartment],
      ['center', atCenter],
    ] as const) {
      const data = expectAnswered(await postGraphQL(url(target), text, {}, variables));
      expect(JSON.stringify(data)).toContain(tracked.number);
    }
    // A wrong code reads like an unknown number.
    const wrong = await postGraphQL(url('housing'), atDepartment, {}, { ...variables, code: '000000' });
    expect(expectAnswered(wrong).housing.trackCase).toBeNull();
  });

  const privateReads: [Target, string][] = [
    ['gateway', '{ housing { cases(first: 1) { totalCount } } }'],
    ['gateway', '{ cases(filter: { departments: ["housing"] }, first: 1) { totalCount } }'],
    ['gateway', '{ case(id: "housing:1") { id } }'],
    ['gateway', '{ caseStats(groupBy: [STATUS]) { rows { count } } }'],
    ['gateway', '{ jointApplications { id } }'],
    ['gateway', '{ tax { cases(first: 1) { edges { node { id applicant { name } } } } } }'],
    ['housing', '{ housing { cases(first: 1) { totalCount } } }'],
    ['housing', '{ housing { case(id: "housing:1") { id } } }'],
    ['housing', '{ housing { caseEvents(first: 1) { endCursor } } }'],
    ['housing', '{ housing { latestEventCursor } }'],
    ['housing', '{ housing { caseStats { count } } }'],
    [
      'housing',
      '{ _entities(representations: [{ __typename: "HousingCase", id: "housing:1" }]) { ... on HousingCase { id } } }',
    ],
    ['housing', '{ housing { items(first: 1) { totalCount } cases(first: 1) { totalCount } } }'],
    ['hub', '{ cases(filter: { departments: ["housing"] }, first: 1) { totalCount } }'],
    ['hub', '{ case(id: "housing:1") { id } }'],
    ['hub', '{ caseStats(groupBy: [STATUS]) { rows { count } } }'],
    ['center', '{ jointApplications { id } }'],
    ['center', '{ complaints { id } }'],
    ['center', '{ followUps { id } }'],
    ['center', '{ notifications { id } }'],
  ];

  it.each(privateReads)('at %s, %s is UNAUTHENTICATED', async (target, text) => {
    const answer: Answer = await postGraphQL(url(target), text);
    expectRefused(answer, 'UNAUTHENTICATED', target === 'gateway' ? undefined : 401);
  });

  it('the public tax department refuses case lists too (every department, not just one)', async () => {
    expectRefused(await postGraphQL(url('gateway'), '{ tax { cases(first: 1) { totalCount } } }'), 'UNAUTHENTICATED');
    expectRefused(
      await postGraphQL(federation.urls.tax!, '{ tax { cases(first: 1) { totalCount } } }'),
      'UNAUTHENTICATED',
      401,
    );
  });
});

describe('X-Forwarded-For is never believed by a subgraph', () => {
  const TRACK = `query($number: String!) { trackCase(number: $number, verificationCode: "123456") { number } }`;
  const attempt = (headers: Record<string, string>, i: number) =>
    postGraphQL(url('center'), TRACK, headers, { number: `HOUSING-20260101-${String(900000 + i)}` });

  it('11 tracking attempts from one client, each with another forged X-Forwarded-For, are rate-limited', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 11; i += 1) answers.push(await attempt({ 'x-forwarded-for': `203.0.113.${i + 1}` }, i));
    const codes = answers.map((a) => a.body.errors?.[0]?.extensions?.code);
    expect(codes.at(-1), JSON.stringify(codes)).toBe('RATE_LIMITED');
  });

  it('the limit keys on the address the gateway signed into the identity, not on the header', async () => {
    const at = async (ip: string) => internalHeaders(await craftInternalToken({ claims: { role: 'window', ip } }));
    const client = await at('192.0.2.10');
    const codes: unknown[] = [];
    for (let i = 0; i < 11; i += 1)
      codes.push(
        (await attempt({ ...client, 'x-forwarded-for': `198.51.100.${i + 1}` }, i)).body.errors?.[0]?.extensions?.code,
      );
    expect(codes.slice(0, 10), JSON.stringify(codes)).toEqual(Array(10).fill('NOT_FOUND'));
    expect(codes[10], JSON.stringify(codes)).toBe('RATE_LIMITED');
    // Another client (another signed address) is not held back by the first one's attempts.
    const other = await attempt({ ...(await at('192.0.2.11')), 'x-forwarded-for': '192.0.2.10' }, 99);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a department’s own tracking limit does not believe X-Forwarded-For either', async () => {
    const text = `query($number: String!) {
      housing { trackCase(number: $number, verificationCode: "123456") { number } } }`;
    const codes: unknown[] = [];
    for (let i = 0; i < 11; i += 1) {
      const answer = await postGraphQL(
        url('housing'),
        text,
        { 'x-forwarded-for': `203.0.113.${50 + i}` },
        {
          number: `HOUSING-20260101-${String(920000 + i)}`,
        },
      );
      codes.push(answer.body.errors?.[0]?.extensions?.code ?? 'none');
    }
    expect(codes.at(-1), JSON.stringify(codes)).toBe('RATE_LIMITED');
  });

  it('through the gateway, a client’s own X-Forwarded-For is not believed either (no trusted proxies)', async () => {
    const codes: unknown[] = [];
    for (let i = 0; i < 11; i += 1) {
      const answer = await postGraphQL(
        url('gateway'),
        TRACK,
        { 'x-forwarded-for': `203.0.113.${100 + i}` },
        {
          number: `HOUSING-20260101-${String(910000 + i)}`,
        },
      );
      codes.push(answer.body.errors?.[0]?.extensions?.code);
    }
    expect(codes.at(-1), JSON.stringify(codes)).toBe('RATE_LIMITED');
  });
});
