import { contractTypeDefs } from '@onewindow/schema';
import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../case-status.js';
import { LIFECYCLE, SUBMIT, TRANSITION_NAMES, TRANSITIONS } from './transitions.js';

const contractStatuses = contractTypeDefs.definitions.flatMap((def) =>
  def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'CaseStatus'
    ? (def.values ?? []).map((v) => v.name.value)
    : [],
);

describe('the lifecycle table', () => {
  it('has one record per declared transition, in the declared order, each with its declaration', () => {
    expect(Object.keys(LIFECYCLE)).toEqual(TRANSITION_NAMES);
    for (const name of TRANSITION_NAMES) expect(LIFECYCLE[name]).toMatchObject({ name, ...TRANSITIONS[name] });
  });

  it('names only the contract’s statuses, and every one of them is reached by some mutation', () => {
    const named = Object.values(TRANSITIONS).flatMap((t) => [...t.from, ...(t.to ? [t.to] : [])]);
    expect(contractStatuses).toHaveLength(9);
    expect(new Set(named)).toEqual(new Set(contractStatuses));
    const reached = new Set([SUBMIT.to, ...Object.values(TRANSITIONS).flatMap((t) => (t.to ? [t.to] : []))]);
    expect(reached).toEqual(new Set(contractStatuses));
  });

  it('lets a case be withdrawn from exactly the open statuses', () => {
    expect([...TRANSITIONS.withdraw.from].sort()).toEqual([...OPEN_STATUSES].sort());
  });
});
