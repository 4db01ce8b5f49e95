/** 好差评 grades, best first, with the words the applicant sees. */
export const GRADE_NAMES = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASIC: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
} as const;
export type Grade = keyof typeof GRADE_NAMES;

/** A bad review (差评) is followed up; the others count as satisfied. */
export const isBadReview = (grade: string): boolean => grade === 'DISSATISFIED' || grade === 'VERY_DISSATISFIED';
