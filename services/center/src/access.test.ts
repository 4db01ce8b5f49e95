import { readFileSync } from 'node:fs';
import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subgraphTypeDefs } from '@onewindow/schema';
import { applicantGlobalId, applicantKey, ROLES, type Identity, type Role } from '@onewindow/runtime';
import {
  CENTER_POLICY,
  PUBLIC_FIELDS,
  applicantIdsOf,
  grantOf,
  guardRootFields,
  type CenterField,
  type Grant,
} from './access.js';

const SECRET = 'a-test-secret-of-sixteen-characters';
/** The ID the departments give an applicant (Applicant.id). */
const applicantGlobalIdFor = (kind: string, idNumber: string, secret: string) =>
  applicantGlobalId(applicantKey(kind, idNumber, secret));
const who = (role: Role, extra: Partial<Identity> = {}): Identity => ({
  sub: `${role}-1`,
  role,
  ip: '127.0.0.1',
  ...extra,
});

/** The root fields the center's SDL declares. */
function rootFields(): string[] {
  return subgraphTypeDefs('center').definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    (d.name.value === 'Query' || d.name.value === 'Mutation')
      ? (d.fields ?? []).map((f) => f.name.value)
      : [],
  );
}

/** How docs/security.md writes a grant. */
const SHOWN: Record<Grant, string> = {
  yes: 'yes',
  own: 'own',
  department: 'own dept',
  center: "center's own",
  masked: 'masked',
  no: 'FORBIDDEN',
};

/** The policy as a Markdown table, fields with the same row on one line, in the table's order. */
function policyTable(): string {
  const rows = new Map<string, CenterField[]>();
  for (const field of Object.keys(CENTER_POLICY) as CenterField[]) {
    const key = ROLES.map((role) => CENTER_POLICY[field][role]).join(',');
    rows.set(key, [...(rows.get(key) ?? []), field]);
  }
  const lines = [
    `| | ${ROLES.join(' | ')} |`,
    `| --- | ${ROLES.map(() => '---').join(' | ')} |`,
    ...[...rows.values()].map((fields) => {
      const row = CENTER_POLICY[fields[0]!];
      const cells = ROLES.map((role) =>
        role === 'public' && row[role] === 'no' ? 'UNAUTHENTICATED' : SHOWN[row[role]],
      );
      return `| ${fields.map((f) => `\`${f}\``).join(', ')} | ${cells.join(' | ')} |`;
    }),
  ];
  return lines.join('\n');
}

/** Table rows without the padding a formatter adds, so only the cells are compared. */
const tableLines = (markdown: string): string =>
  markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^:?-+:?$/, '---'))
            .join('|')
        : line,
    )
    .join('\n');

describe("the center's access policy", () => {
  it('has one row for every root field of the schema, and none for a field it does not have', () => {
    expect(Object.keys(CENTER_POLICY).sort()).toEqual(rootFields().sort());
  });

  it('serves the public tracking, grading by receipt and the calendar, nothing else', () => {
    expect([...PUBLIC_FIELDS].sort()).toEqual(
      ['calendarChanges', 'calendarWarnings', 'calendarYear', 'evaluateCase', 'trackCase'].sort(),
    );
  });

  it('gives a service no more than the public: the center calls departments as itself, nobody calls it so', () => {
    for (const field of Object.keys(CENTER_POLICY) as CenterField[])
      expect(CENTER_POLICY[field].service, field).toBe(CENTER_POLICY[field].public);
  });

  it('gives the auditor the audit records and nothing else personal: public fields, the hall, published numbers', () => {
    const auditorReads = (Object.keys(CENTER_POLICY) as CenterField[]).filter((f) => CENTER_POLICY[f].auditor !== 'no');
    const notPersonal = ['windows', 'window', 'staff', 'catalogCoverage', 'bulletin', 'followUpRates', 'publicVoice'];
    expect(auditorReads.filter((f) => !PUBLIC_FIELDS.includes(f) && !notPersonal.includes(f))).toEqual([
      'auditRecords',
    ]);
    expect(ROLES.filter((role) => CENTER_POLICY.auditRecords[role] !== 'no')).toEqual(['auditor']);
  });

  it("lets analysts write nothing but a public grade, and supervisors none of a department's data", () => {
    for (const field of Object.keys(CENTER_POLICY) as CenterField[])
      if (isMutation(field) && !PUBLIC_FIELDS.includes(field)) expect(CENTER_POLICY[field].analyst, field).toBe('no');
    // A department's rectification and its grant of window authority are its own.
    expect(CENTER_POLICY.recordRectification.supervisor).toBe('center');
    expect(CENTER_POLICY.authorizeAtWindow.supervisor).toBe('no');
  });

  it('reads a grant by the verified role, never anything else', () => {
    expect(grantOf(who('window'), 'registerApplicant')).toBe('yes');
    expect(grantOf(who('supervisor'), 'registerApplicant')).toBe('no');
    expect(grantOf(who('officer', { department: 'housing' }), 'followUps')).toBe('department');
    expect(grantOf(who('analyst'), 'complaints')).toBe('masked');
    expect(grantOf(who('auditor'), 'auditRecords')).toBe('yes');
    expect(grantOf(who('supervisor'), 'noSuchField')).toBe('no');
  });

  it('is written in docs/security.md as it is in code', () => {
    const doc = readFileSync(new URL('../../../docs/security.md', import.meta.url), 'utf8');
    expect(tableLines(doc), `docs/security.md should hold this table:\n${policyTable()}`).toContain(
      tableLines(policyTable()),
    );
  });
});

const mutations = new Set(
  subgraphTypeDefs('center').definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation'
      ? (d.fields ?? []).map((f) => f.name.value)
      : [],
  ),
);
const isMutation = (field: string) => mutations.has(field);

describe('guardRootFields', () => {
  const resolvers = guardRootFields({
    Query: { auditRecords: () => 'records', trackCase: () => 'tracked' },
    Mutation: { generateBulletin: () => 'generated' },
    Bulletin: { id: () => 'untouched' },
  });
  const call = (root: 'Query' | 'Mutation', field: string, identity: Identity) =>
    (resolvers[root] as Record<string, (...args: unknown[]) => unknown>)[field]!(null, {}, { identity }, null);
  const codeOf = (work: () => unknown) => {
    try {
      work();
      return 'answered';
    } catch (error) {
      return (error as { extensions?: { code?: string } }).extensions?.code;
    }
  };

  it('refuses before the resolver runs: the public UNAUTHENTICATED, any other role FORBIDDEN', () => {
    expect(codeOf(() => call('Query', 'auditRecords', who('public')))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => call('Query', 'auditRecords', who('supervisor')))).toBe('FORBIDDEN');
    expect(codeOf(() => call('Mutation', 'generateBulletin', who('window')))).toBe('FORBIDDEN');
    expect(call('Query', 'auditRecords', who('auditor'))).toBe('records');
    expect(call('Mutation', 'generateBulletin', who('supervisor'))).toBe('generated');
    expect(call('Query', 'trackCase', who('public'))).toBe('tracked');
  });

  it('leaves type resolvers alone and refuses to start with a root field the policy lacks', () => {
    expect(resolvers.Bulletin).toEqual(expect.objectContaining({ id: expect.any(Function) }));
    expect(() => guardRootFields({ Query: { somethingNew: () => null } })).toThrow(
      /no row in the center's access policy/,
    );
  });
});

describe("an applicant's own notifications", () => {
  it('are those made for either kind of applicant their verified number can be read as', () => {
    const person = who('applicant', { sub: '330102198001010021' });
    expect(applicantIdsOf(person, SECRET)).toEqual([
      applicantGlobalIdFor('PERSON', person.sub, SECRET),
      applicantGlobalIdFor('ENTERPRISE', person.sub, SECRET),
    ]);
    expect(applicantIdsOf(who('window'), SECRET)).toEqual([]);
  });
});
