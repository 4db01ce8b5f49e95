/** 好差评 grades, best first, with the words the applicant sees. */
export const GRADE_NAMES = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASIC: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
} as const;
export type Grade = keyof typeof GRADE_NAMES;

/** The bad reviews (差评): each is followed up; the other grades count as satisfied. */
export const BAD_GRADES: readonly Grade[] = ['DISSATISFIED', 'VERY_DISSATISFIED'];
/** A grade as stored; anything else in the database is a fault, not something to pass on. */
export function storedGrade(value: string): Grade {
  if (!(value in GRADE_NAMES)) throw new Error(`Unknown grade "${value}" in the database`);
  return value as Grade;
}
export const isBadReview = (grade: string): boolean => (BAD_GRADES as readonly string[]).includes(grade);
