import { describe, expect, it } from 'vitest';
import { jointStatus } from './status.js';

const part = (dispatch: string, caseStatus: string | null = null) => ({ dispatch, caseStatus });

describe("a joint application's status, from its parts", () => {
  it('is APPROVED only when every part is approved', () => {
    expect(jointStatus([part('DISPATCHED', 'APPROVED'), part('DISPATCHED', 'APPROVED')])).toBe('APPROVED');
    expect(jointStatus([part('DISPATCHED', 'APPROVED'), part('WAITING')])).toBe('IN_PROGRESS');
  });

  it('is REJECTED as soon as one part is refused, not accepted or denied, whatever the others', () => {
    expect(jointStatus([part('REFUSED'), part('PENDING')])).toBe('REJECTED');
    expect(jointStatus([part('DISPATCHED', 'NOT_ACCEPTED'), part('DISPATCHED', 'APPROVED')])).toBe('REJECTED');
    expect(jointStatus([part('DISPATCHED', 'DENIED'), part('DISPATCHED', 'WITHDRAWN')])).toBe('REJECTED');
  });

  it('is WITHDRAWN when a part was withdrawn and none refused', () => {
    expect(jointStatus([part('DISPATCHED', 'WITHDRAWN'), part('DISPATCHED', 'APPROVED')])).toBe('WITHDRAWN');
  });

  it('is DISPATCHING while a part that may go has not reached its department, else IN_PROGRESS', () => {
    expect(jointStatus([part('DISPATCHED', 'IN_REVIEW'), part('PENDING')])).toBe('DISPATCHING');
    expect(jointStatus([part('DISPATCHED', 'IN_REVIEW'), part('WAITING')])).toBe('IN_PROGRESS');
  });
});
