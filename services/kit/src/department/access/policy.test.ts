import { describe, expect, it } from 'vitest';
import { TRANSITION_NAMES } from '@onewindow/schema';
import { OnewindowError, type Identity } from '@onewindow/runtime';
import {
  caseReading,
  checkAuditAccess,
  checkFeedAccess,
  checkLookupFilters,
  checkStatsAccess,
  seesVerificationCode,
} from './reads.js';
import {
  checkCaseWrite,
  checkSubmittedItem,
  checkSubmitter,
  checkWriteRole,
  type LifecycleOperation,
} from './writes.js';
import { actingCaller, SYSTEM } from './acting.js';
import { guardCaseRead, guardWrite } from './guard.js';

/**
 * The kit's default policy, role by role, as docs/security.md tables it ("What a department
 * serves"), for the department `housing`.
 */
const DEPARTMENT = 'housing';
const APPLICANT_ID = '330102198803150021';

const CALLERS = {
  public: { sub: 'anonymous', role: 'public' },
  applicant: { sub: APPLICANT_ID, role: 'applicant' },
  window: { sub: 'w-01', role: 'window' },
  officer: { sub: 'o-01', role: 'officer', department: DEPARTMENT },
  chief: { sub: 'c-01', role: 'chief', department: DEPARTMENT, items: ['000140001000'] },
  otherOfficer: { sub: 'o-02', role: 'officer', department: 'tax' },
  otherChief: { sub: 'c-02', role: 'chief', department: 'tax', items: ['000140001000'] },
  supervisor: { sub: 's-01', role: 'supervisor' },
  analyst: { sub: 'a-01', role: 'analyst' },
  auditor: { sub: 'au-01', role: 'auditor' },
  service: { sub: 'service:center', role: 'service' },
} satisfies Record<string, Omit<Identity, 'ip'>>;
type CallerName = keyof typeof CALLERS;
const NAMES = Object.keys(CALLERS) as CallerName[];
const caller = (name: CallerName): Identity => ({ ...CALLERS[name], ip: '127.0.0.1' });

/** What a check did: passed ('yes' or its answer) or the error code it threw. */
function outcome(check: () => unknown): unknown {
  try {
    return check() ?? 'yes';
  } catch (error) {
    if (error instanceof OnewindowError) return error.extensions.code;
    throw error;
  }
}

const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';

/** One row of the table: each caller's expected outcome. */
type Row = Record<CallerName, unknown>;
const row = (
  pub: unknown,
  applicant: unknown,
  window: unknown,
  own: unknown,
  other: unknown,
  supervisor: unknown,
  analyst: unknown,
  auditor: unknown,
  service: unknown,
  chief: unknown = own,
): Row => ({
  public: pub,
  applicant,
  window,
  officer: own,
  chief,
  otherOfficer: other,
  otherChief: other,
  supervisor,
  analyst,
  auditor,
  service,
});

describe('the kit’s default access policy, by role', () => {
  const reads: [string, (identity: Identity) => unknown, Row][] = [
    [
      'case lists, case, case entities',
      (identity) => {
        const reading = caseReading(identity, DEPARTMENT);
        return reading.ownCasesOf ? 'own' : reading.view;
      },
      row(U, 'own', 'full', 'full', F, 'full', 'masked', F, 'full'),
    ],
    ['caseStats', (identity) => checkStatsAccess(identity), row(U, F, 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes')],
    [
      'the change feed',
      (identity) => checkFeedAccess(identity, DEPARTMENT),
      row(U, F, F, 'yes', F, 'yes', F, F, 'yes'),
    ],
    [
      'lookup filters',
      (identity) => checkLookupFilters(identity, DEPARTMENT, { applicantIdNumber: APPLICANT_ID }),
      row(F, F, 'yes', 'yes', F, 'yes', F, F, 'yes'),
    ],
    [
      'lookup by text',
      (identity) => checkLookupFilters(identity, DEPARTMENT, { text: '张' }),
      row(F, F, 'yes', 'yes', F, 'yes', F, F, 'yes'),
    ],
    [
      'verificationCode',
      (identity) => seesVerificationCode(identity, DEPARTMENT),
      row(false, false, true, true, false, false, false, false, false),
    ],
    ['auditRecords', (identity) => checkAuditAccess(identity), row(U, F, F, F, F, F, F, 'yes', F)],
  ];
  for (const [what, check, expected] of reads) {
    it(`serves ${what} as the table says`, () => {
      const actual = Object.fromEntries(NAMES.map((name) => [name, outcome(() => check(caller(name)))]));
      expect(actual).toEqual(expected);
    });
  }

  /** Each lifecycle step by role, before anything is read (the case's own checks come after). */
  const writeRow = (operation: LifecycleOperation): Row => {
    if (operation === 'submit') return row(U, 'yes', 'yes', 'yes', F, F, F, F, 'yes');
    if (operation === 'resubmit' || operation === 'withdraw') return row(U, 'yes', 'yes', 'yes', F, F, F, F, F);
    if (operation === 'approveOnSpot') return row(U, F, F, F, F, F, F, F, F, 'yes');
    return row(U, F, F, 'yes', F, F, F, F, F);
  };
  for (const operation of ['submit', ...TRANSITION_NAMES] as LifecycleOperation[]) {
    it(`lets only the table's roles ${operation}`, () => {
      const actual = Object.fromEntries(
        NAMES.map((name) => [name, outcome(() => checkWriteRole(caller(name), DEPARTMENT, operation))]),
      );
      expect(actual).toEqual(writeRow(operation));
    });
  }
});

describe('what a write checks of the case and the submission', () => {
  const own = { applicantIdNumber: APPLICANT_ID, itemCode: '000140001000' };
  const another = { applicantIdNumber: '110101199001010011', itemCode: '000140002000' };
  const CASE_ID = 'housing:7';

  it('lets applicants resubmit and withdraw their own cases only', () => {
    expect(outcome(() => checkCaseWrite(caller('applicant'), DEPARTMENT, 'withdraw', own, CASE_ID))).toBe('yes');
    // Another's case is not found, as one that does not exist: nothing tells whose a case is.
    expect(() => checkCaseWrite(caller('applicant'), DEPARTMENT, 'withdraw', another, CASE_ID)).toThrow(
      'No case "housing:7".',
    );
    // Window staff act for any applicant.
    expect(outcome(() => checkCaseWrite(caller('window'), DEPARTMENT, 'withdraw', another, CASE_ID))).toBe('yes');
  });

  it('lets a chief decide at the window only the items of their authorization, naming the item otherwise', () => {
    for (const decision of ['approveOnSpot', 'approve', 'deny'] as const) {
      expect(outcome(() => checkCaseWrite(caller('chief'), DEPARTMENT, decision, own, CASE_ID))).toBe('yes');
      expect(() => checkCaseWrite(caller('chief'), DEPARTMENT, decision, another, CASE_ID)).toThrow(/000140002000/);
    }
    // Other steps are the chief's as an officer of the department, whatever the item.
    expect(outcome(() => checkCaseWrite(caller('chief'), DEPARTMENT, 'accept', another, CASE_ID))).toBe('yes');
    // Officers approve and deny any item of their department.
    expect(outcome(() => checkCaseWrite(caller('officer'), DEPARTMENT, 'approve', another, CASE_ID))).toBe('yes');
  });

  it('lets applicants apply in their own name, online items only, never as a joint application', () => {
    const mine = { applicant: { idNumber: APPLICANT_ID.toLowerCase() } };
    expect(outcome(() => checkSubmitter(caller('applicant'), mine))).toBe('yes');
    expect(
      outcome(() => checkSubmitter(caller('applicant'), { applicant: { idNumber: another.applicantIdNumber } })),
    ).toBe(F);
    expect(outcome(() => checkSubmitter(caller('applicant'), { ...mine, jointApplicationId: 'center:J1' }))).toBe(F);
    const item = { code: '000140001000', name: '施工许可', onlineAvailable: false };
    expect(outcome(() => checkSubmittedItem(caller('applicant'), item))).toBe(F);
    expect(outcome(() => checkSubmittedItem(caller('applicant'), { ...item, onlineAvailable: true }))).toBe('yes');
    expect(outcome(() => checkSubmittedItem(caller('window'), item))).toBe('yes');
  });

  it('lets the center submit joint applications’ parts only', () => {
    const part = { applicant: { idNumber: another.applicantIdNumber }, jointApplicationId: 'center:J3' };
    expect(outcome(() => checkSubmitter(caller('service'), part))).toBe('yes');
    expect(outcome(() => checkSubmitter(caller('service'), { applicant: part.applicant }))).toBe(F);
    // Window staff, officers and chiefs submit cases of their own, never a part of someone's application.
    for (const role of ['window', 'officer', 'chief'] as const)
      expect(
        outcome(() => checkSubmitter(caller(role), part)),
        role,
      ).toBe(F);
  });
});

describe('the acting person', () => {
  const secret = 'a-test-secret-0123456789';

  it('is role:subject for staff, the service by its name, and system for the sweep', () => {
    expect(actingCaller(caller('officer'), secret).eventActor('k')).toBe('officer:o-01');
    expect(actingCaller(caller('chief'), secret).owner).toBe('chief:c-01');
    expect(actingCaller(caller('service'), secret).eventActor('k')).toBe('service:center');
    expect(SYSTEM.eventActor('k')).toBe('system');
  });

  it('is an applicant’s opaque ID, never their ID number', () => {
    const acting = actingCaller(caller('applicant'), secret);
    expect(acting.eventActor('KEY')).toBe('applicant:KEY');
    expect(acting.owner).toMatch(/^applicant:[\w-]+$/);
    expect(acting.owner).not.toContain(APPLICANT_ID);
    expect(acting.audit).toEqual({ actor: APPLICANT_ID, role: 'applicant' });
  });
});

describe('a department’s own policy', () => {
  const context = (name: CallerName) => ({
    identity: caller(name),
    department: { code: DEPARTMENT },
    policy: {
      refuse: (who: Identity, operation: string) =>
        who.role === 'supervisor' && operation === 'cases' ? 'not here' : null,
    },
  });

  it('refuses more than the kit, never less', () => {
    expect(outcome(() => guardCaseRead(context('supervisor'), 'cases'))).toBe(F);
    expect(outcome(() => guardCaseRead(context('supervisor'), 'case'))).toEqual({ view: 'full', ownCasesOf: null });
    // What the kit refuses stays refused.
    expect(outcome(() => guardCaseRead(context('auditor'), 'case'))).toBe(F);
    expect(outcome(() => guardWrite(context('analyst'), 'submit'))).toBe(F);
  });
});
