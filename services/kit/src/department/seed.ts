import { findWorkday, isWorkday } from './calendar.js';
import type { DepartmentEntry } from '@onewindow/schema';
import { checkCatalogLimits, itemRow, materialRows, type CatalogItem } from './catalog.js';
import type { KitDatabase } from './database.js';
import type { CaseEventRow, CaseRow } from './parents.js';
import { SeededRandom } from './random.js';
import { applicantGlobalId, applicantKey } from '@onewindow/runtime';
import { caseNumber } from './case-number.js';
import { addWorkingDays, chinaDay, workingDaysBetween } from './working-days.js';

/** A case the seeder created, handed to the department to add its own data for it. */
export interface SeededCase {
  row: CaseRow;
  item: CatalogItem;
}

export interface SeedOptions {
  department: DepartmentEntry;
  catalog: readonly CatalogItem[];
  /** How many cases to create. */
  cases: number;
  /** The seeded history ends at this instant; cases are spread over the 365 days before it. */
  now: Date;
  /** Share of applicants that are enterprises (the rest are persons). */
  enterpriseShare: number;
  /** The shared secret of applicant IDs. */
  applicantSecret: string;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '建国',
  '志强',
  '海燕',
  '晓东',
];
const FIRM_PLACES = ['青山', '临江', '东湖', '南屏', '北塘', '西岭', '清河', '石门'];
const FIRM_WORDS = ['恒通', '瑞丰', '宏达', '金泰', '华盛', '永安', '鑫源', '嘉禾', '远航', '昌盛'];
const FIRM_TRADES = [
  '建设工程',
  '房地产开发',
  '食品',
  '商贸',
  '环保科技',
  '建材',
  '物流',
  '农业开发',
  '餐饮管理',
  '机械制造',
];

function personName(rng: SeededRandom): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

function enterpriseName(rng: SeededRandom): string {
  return `${rng.pick(FIRM_PLACES)}${rng.pick(FIRM_WORDS)}${rng.pick(FIRM_TRADES)}有限公司`;
}

/** An 18-character resident ID number with a plausible area code and birth date. */
function personIdNumber(rng: SeededRandom): string {
  const birth = `${rng.int(1955, 2002)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  return `3301${rng.digits(2)}${birth}${rng.digits(3)}${rng.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])}`;
}

/** An 18-character unified social credit code (统一社会信用代码) of a company. */
function creditCode(rng: SeededRandom): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let tail = '';
  for (let i = 0; i < 10; i += 1) tail += alphabet[rng.int(0, alphabet.length - 1)];
  return `91330100${tail}`;
}

/** Applicants who deal with several departments (an enterprise building a project, say): the same in every department's demo. */
const sharedApplicants = (() => {
  const rng = new SeededRandom('applicants:shared');
  return Array.from({ length: 400 }, (_, i) => {
    const enterprise = i % 2 === 0;
    return enterprise
      ? { kind: 'ENTERPRISE', name: enterpriseName(rng), idNumber: creditCode(rng) }
      : { kind: 'PERSON', name: personName(rng), idNumber: personIdNumber(rng) };
  });
})();

/** A minute of office hours (08:30 to 17:30 China time), counted from midnight. */
function officeMinute(rng: SeededRandom): number {
  return rng.int(8 * 60 + 30, 17 * 60 + 30);
}

/** The instant `minute` minutes after midnight, China time, on a China-time day. */
function chinaInstant(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - 8 * 3600_000 + minute * 60_000);
}

/** An instant during office hours on a China-time day. */
function atOfficeHour(day: string, rng: SeededRandom): Date {
  return chinaInstant(day, officeMinute(rng));
}

function workingDayOnOrBefore(day: string): string {
  return isWorkday(day) ? day : findWorkday(-1, day);
}

type EventDraft = Omit<CaseEventRow, 'id' | 'caseId' | 'seq'>;

const REFUSALS = [
  ['申请事项依法不需要取得行政许可', '《中华人民共和国行政许可法》第三十二条第一款第（一）项'],
  ['申请事项不属于本机关职权范围', '《中华人民共和国行政许可法》第三十二条第一款第（二）项'],
] as const;
const DENIALS = [
  ['申请人不符合法定条件', '《中华人民共和国行政许可法》第三十八条第二款'],
  ['经现场核查，实际情况与申请材料不符', '《中华人民共和国行政许可法》第三十一条、第三十八条第二款'],
] as const;
const PROCEDURES = [
  ['INSPECTION', '委托检验'],
  ['EXPERT_REVIEW', '组织专家评审'],
  ['APPRAISAL', '委托鉴定'],
  ['TESTING', '委托检验检测'],
  ['HEARING', '申请人要求听证'],
] as const;

/** A case's state as the simulation leaves it: the columns that change over its life. */
type CaseState = Pick<
  CaseRow,
  | 'status'
  | 'receivedAt'
  | 'acceptedAt'
  | 'deadline'
  | 'concludedAt'
  | 'supplementRequestedAt'
  | 'missingMaterials'
  | 'suspendedAt'
  | 'suspendedDays'
  | 'denialReason'
  | 'denialLegalBasis'
  | 'workingDaysToConclude'
>;

/**
 * Plays one case's life forward from its submission: supplements, refusals, suspensions and
 * decisions with realistic odds, following the same rules as the state machine, and stops at
 * `now`. Returns the case's state then and the events that happened by then.
 */
function simulateCase(
  rng: SeededRandom,
  item: CatalogItem,
  submittedAt: Date,
  now: Date,
  applicant: string,
): { state: CaseState; events: EventDraft[] } {
  const events: EventDraft[] = [];
  const state: CaseState = {
    status: 'SUBMITTED',
    receivedAt: submittedAt,
    acceptedAt: null,
    deadline: null,
    concludedAt: null,
    supplementRequestedAt: null,
    missingMaterials: null,
    suspendedAt: null,
    suspendedDays: 0,
    denialReason: null,
    denialLegalBasis: null,
    workingDaysToConclude: null,
  };
  const done = () => ({ state, events });
  const step = (
    at: Date,
    action: string,
    toStatus: string,
    actor: string,
    details: Partial<EventDraft> = {},
  ): boolean => {
    if (at > now) return false;
    events.push({
      action,
      at,
      actor,
      fromStatus: events.length ? state.status : null,
      toStatus,
      note: null,
      materials: null,
      reason: null,
      legalBasis: null,
      procedure: null,
      expectedEnd: null,
      approvedBy: null,
      deadlineBefore: null,
      deadlineAfter: null,
      ...details,
    });
    state.status = toStatus;
    return true;
  };
  // Actors as the departments record them (access/acting.ts): role:subject, the applicant by their opaque ID.
  const staff = `staff-${rng.int(1, 12)}`;
  const officer = `officer:${staff}`;
  const chief = `chief:${staff}`;
  const later = (from: Date, workingDays: number) => atOfficeHour(findWorkday(workingDays, chinaDay(from)), rng);
  const after = (candidate: Date, floor: Date) => (candidate <= floor ? new Date(floor.getTime() + 60_000) : candidate);

  step(submittedAt, 'submit', 'SUBMITTED', applicant);
  if (item.kind === 'IMMEDIATE') {
    const decidedAt = new Date(submittedAt.getTime() + rng.int(10, 40) * 60_000);
    if (step(decidedAt, 'approveOnSpot', 'APPROVED', chief)) {
      state.acceptedAt = decidedAt;
      state.concludedAt = decidedAt;
      state.deadline = addWorkingDays(decidedAt, item.committedLimitDays);
      state.workingDaysToConclude = 0;
    }
    return done();
  }
  let at = submittedAt;
  if (rng.chance(0.12) && item.materials.length) {
    at = after(later(at, rng.int(0, 2)), at);
    const missing = item.materials.filter(() => rng.chance(0.35)).map((m) => m.name);
    const listed = missing.length ? missing : [item.materials[0]!.name];
    if (!step(at, 'requestSupplement', 'SUPPLEMENT_REQUESTED', officer, { materials: JSON.stringify(listed) }))
      return done();
    state.supplementRequestedAt = at;
    state.missingMaterials = JSON.stringify(listed);
    at = later(at, rng.int(1, 5));
    if (!step(at, 'resubmit', 'SUBMITTED', applicant)) return done();
    state.receivedAt = at;
  }
  at = after(later(at, rng.int(0, 2)), at);
  if (rng.chance(0.04)) {
    const [reason, legalBasis] = rng.pick(REFUSALS);
    if (step(at, 'notAccept', 'NOT_ACCEPTED', officer, { reason, legalBasis })) {
      Object.assign(state, { concludedAt: at, denialReason: reason, denialLegalBasis: legalBasis });
    }
    return done();
  }
  if (!step(at, 'accept', 'ACCEPTED', officer)) return done();
  const acceptedAt = at;
  state.acceptedAt = acceptedAt;
  state.deadline = addWorkingDays(acceptedAt, item.committedLimitDays);
  at = after(later(at, rng.int(0, 1)), at);
  if (!step(at, 'startReview', 'IN_REVIEW', officer)) return done();
  const late = rng.chance(0.08);
  const limit = Math.max(item.committedLimitDays, 1);
  const reviewDays = late ? limit + rng.int(1, 6) : rng.int(1, limit);
  if (rng.chance(0.06)) {
    const [procedure, reason] = rng.pick(PROCEDURES);
    const pause = rng.int(3, 10);
    at = after(later(at, rng.int(1, Math.max(1, Math.floor(reviewDays / 2)))), at);
    const expectedEnd = addWorkingDays(at, pause);
    if (!step(at, 'suspend', 'SUSPENDED', officer, { reason, procedure, expectedEnd })) return done();
    state.suspendedAt = at;
    const resumedAt = later(at, pause);
    if (!step(resumedAt, 'resume', 'IN_REVIEW', officer)) return done();
    const stopped = workingDaysBetween(at, resumedAt);
    state.suspendedAt = null;
    state.suspendedDays = stopped;
    state.deadline = addWorkingDays(state.deadline, stopped);
    at = resumedAt;
  }
  const decideAt = after(later(acceptedAt, reviewDays + state.suspendedDays), at);
  const duration = Math.max(0, workingDaysBetween(acceptedAt, decideAt) - state.suspendedDays);
  const outcome = rng.next();
  if (outcome < 0.9) {
    if (step(decideAt, 'approve', 'APPROVED', officer))
      Object.assign(state, { concludedAt: decideAt, workingDaysToConclude: duration });
  } else if (outcome < 0.96) {
    const [reason, legalBasis] = rng.pick(DENIALS);
    if (step(decideAt, 'deny', 'DENIED', officer, { reason, legalBasis })) {
      Object.assign(state, {
        concludedAt: decideAt,
        denialReason: reason,
        denialLegalBasis: legalBasis,
        workingDaysToConclude: duration,
      });
    }
  } else if (step(decideAt, 'withdraw', 'WITHDRAWN', applicant, { note: '申请人撤回申请' })) {
    state.concludedAt = decideAt;
  }
  return done();
}

/** Writes the department's catalog (items and their materials). */
export async function seedCatalog(db: KitDatabase, catalog: readonly CatalogItem[]): Promise<void> {
  checkCatalogLimits(catalog);
  await db.$transaction([
    db.item.createMany({ data: catalog.map(itemRow) }),
    db.itemMaterial.createMany({ data: catalog.flatMap(materialRows) }),
  ]);
}

/** A department's demo history: its cases and their events, in the order they happened. */
export interface DemoHistory {
  cases: SeededCase[];
  events: Omit<CaseEventRow, 'id'>[];
}

/**
 * A deterministic demo history: the same department, count and `now` always give the same
 * cases. Submissions fall on working days over the 365 days before `now`, more of them
 * recently, and each case lives its life by the state machine's rules up to `now`.
 */
export function generateDemoHistory(options: Omit<SeedOptions, 'logger'>): DemoHistory {
  const rng = new SeededRandom(`${options.department.code}:${chinaDay(options.now)}`);
  const today = chinaDay(options.now);
  const cases: SeededCase[] = [];
  const events: Omit<CaseEventRow, 'id'>[] = [];
  for (let id = 1; id <= options.cases; id += 1) {
    const item = rng.pick(options.catalog);
    // sqrt skews toward recent days: a county's volume grows and recent cases are still open.
    const daysAgo = Math.floor(365 * (1 - Math.sqrt(rng.next())));
    const day = workingDayOnOrBefore(chinaDay(new Date(Date.parse(`${today}T04:00:00.000Z`) - daysAgo * 86_400_000)));
    const minute = officeMinute(rng);
    let submittedAt = chinaInstant(day, minute);
    // Today's later office hours have not come yet (seeding at 00:10 or at noon): such a case came
    // in the working day before, so the history still holds the N cases asked for.
    if (submittedAt > options.now) submittedAt = chinaInstant(findWorkday(-1, day), minute);
    let enterprise = rng.chance(options.enterpriseShare);
    let applicantName = enterprise ? enterpriseName(rng) : personName(rng);
    let applicantIdNumber = enterprise ? creditCode(rng) : personIdNumber(rng);
    if (rng.chance(0.25)) {
      // A returning applicant, known to other departments too.
      const known = sharedApplicants[rng.int(0, sharedApplicants.length - 1)]!;
      [enterprise, applicantName, applicantIdNumber] = [known.kind === 'ENTERPRISE', known.name, known.idNumber];
    }
    const kind = enterprise ? 'ENTERPRISE' : 'PERSON';
    const key = applicantKey(kind, applicantIdNumber, options.applicantSecret);
    const life = simulateCase(rng, item, submittedAt, options.now, applicantGlobalId(key));
    const row: CaseRow = {
      id,
      number: caseNumber(options.department, submittedAt, id),
      itemCode: item.code,
      applicantKind: kind,
      applicantName,
      applicantIdNumber,
      applicantKey: key,
      // Joint applications are made at the center, never seeded.
      jointApplicationId: null,
      verificationCode: rng.digits(6),
      submittedAt,
      deemedAccepted: false,
      extendedAt: null,
      version: life.events.length,
      ...life.state,
    };
    cases.push({ row, item });
    life.events.forEach((event, index) => events.push({ ...event, caseId: id, seq: index + 1 }));
  }
  // The change feed is ordered by event id, so events go in by time, as they happened.
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.caseId - b.caseId || a.seq - b.seq);
  return { cases, events };
}

/**
 * Splits `total` cases over departments in proportion to `weights`: each gets the floor of its
 * exact share, and the cases left over go one each to the largest remainders (ties to the first),
 * so the shares always add up to `total` and none is more than one case off its exact share.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || weights.some((w) => !Number.isFinite(w) || w < 0))
    throw new Error('weights must be finite, at least 0 and not all 0');
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ remainder: x - Math.floor(x), i }));
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}
