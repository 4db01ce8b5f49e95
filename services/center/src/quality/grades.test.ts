import { describe, expect, it } from 'vitest';
import { BAD_GRADES, GRADES, isBadReview, storedGrade } from './grades.js';

describe('好差评 grades', () => {
  it('counts 不满意 and 非常不满意 as bad reviews, and 基本满意 or better as satisfied', () => {
    expect(GRADES.filter(isBadReview)).toEqual(['DISSATISFIED', 'VERY_DISSATISFIED']);
    expect(GRADES.filter((grade) => !isBadReview(grade))).toEqual(['VERY_SATISFIED', 'SATISFIED', 'BASIC']);
    expect(BAD_GRADES).toEqual(['DISSATISFIED', 'VERY_DISSATISFIED']);
  });

  it('is not fooled by a string that is no grade', () => {
    expect(isBadReview('BAD')).toBe(false);
    expect(isBadReview('dissatisfied')).toBe(false);
  });

  it('reads a stored grade back, and treats anything else in the database as a fault', () => {
    expect(storedGrade('BASIC')).toBe('BASIC');
    expect(() => storedGrade('GOOD')).toThrow('Unknown grade "GOOD" in the database');
  });
});
