/**
 * The written texts an applicant receives for a decision, built in one place so that the
 * department's `Case.refusalNotice` and the center's notification say the same thing.
 */

/** Ends a clause with one full stop, whatever punctuation the staff typed. */
const sentence = (text: string) => `${text.trim().replace(/[。．.;；，,\s]+$/u, '')}。`;

export interface RefusalFacts {
  /** NOT_ACCEPTED (不予受理) or DENIED (不予许可). */
  status: 'NOT_ACCEPTED' | 'DENIED';
  reason: string;
  legalBasis: string;
}

/**
 * 行政许可法 §38 (and §32 for a refusal to accept): the decision, its reason and legal basis, and
 * the applicant's remedies with their time limits: 行政复议 within 60 days (行政复议法 as revised in
 * 2023, §20) or 行政诉讼 within 6 months (行政诉讼法 §46), counted from receipt of the decision.
 */
export function refusalNotice(facts: RefusalFacts): string {
  const decision = facts.status === 'NOT_ACCEPTED' ? '不予受理' : '不予许可';
  return [
    `经审查，决定对您的申请${decision}。`,
    `理由：${sentence(facts.reason)}`,
    `依据：${sentence(facts.legalBasis)}`,
    '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，' +
      '或者自收到本决定之日起六个月内依法向人民法院提起行政诉讼。',
  ].join('');
}

/** True for the statuses whose notice is a refusal (refusalNotice applies). */
export const isRefusal = (status: string): status is RefusalFacts['status'] =>
  status === 'NOT_ACCEPTED' || status === 'DENIED';

/**
 * What the applicant is told after a transition: the kind of notification the center sends
 * (services/center/src/feed/notifications.ts builds the text from the event), and what it says.
 */
export interface Notice {
  kind: 'CONCLUDED' | 'SUPPLEMENT_REQUESTED' | 'DEADLINE_EXTENDED' | 'SPECIAL_PROCEDURE';
  says: string;
}
