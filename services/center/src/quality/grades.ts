import { storedValue } from '@onewindow/runtime';

/** 好差评 grades, best first. */
export const GRADES = ['VERY_SATISFIED', 'SATISFIED', 'BASIC', 'DISSATISFIED', 'VERY_DISSATISFIED'] as const;
export type Grade = (typeof GRADES)[number];

/** The words the applicant sees for each grade. */
export const GRADE_NAMES: Record<Grade, string> = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASIC: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
};

/** The bad reviews (差评): each is followed up; the other grades count as satisfied. */
export const BAD_GRADES: readonly Grade[] = ['DISSATISFIED', 'VERY_DISSATISFIED'];

/** A grade as stored; anything else in the database is a fault, not something to pass on. */
export const storedGrade = (value: string): Grade => storedValue(GRADES, value, 'grade');

export const isBadReview = (grade: string): boolean => BAD_GRADES.some((bad) => bad === grade);
