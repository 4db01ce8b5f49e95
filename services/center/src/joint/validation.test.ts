import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '@onewindow/runtime';
import { parseJointInput } from './validation.js';

const input = (fields: Record<string, unknown> = {}) => ({
  idempotencyKey: ' j-1 ',
  projectName: '青山科技园一期',
  applicant: { kind: 'ENTERPRISE', name: '青山置业有限公司', idNumber: '91330100ma2b3c4d5e' },
  leadDepartment: 'natres',
  parts: [
    { itemId: 'natres:000173003000' },
    { itemId: 'env:000120001000' },
    { itemId: 'housing:000140002000', dependsOn: 0 },
  ],
  ...fields,
});

/** The problems a refused input lists, as `field: message`. */
function problems(value: unknown): string[] {
  try {
    parseJointInput(value);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    const listed = error.extensions.problems;
    if (!Array.isArray(listed)) throw new Error('no problems listed', { cause: error });
    return listed.map((p: { field: string; message: string }) => `${p.field}: ${p.message}`);
  }
  throw new Error('accepted');
}

describe('a new joint application', () => {
  it('resolves each part to its department and item code, waits only where told, and is 联合办理 by default', () => {
    const parsed = parseJointInput(input());
    expect(parsed.idempotencyKey).toBe('j-1');
    expect(parsed.kind).toBe('JOINT');
    expect(parsed.applicant.idNumber).toBe('91330100MA2B3C4D5E');
    expect(parsed.parts).toEqual([
      { itemId: 'natres:000173003000', department: 'natres', itemCode: '000173003000', dependsOn: null },
      { itemId: 'env:000120001000', department: 'env', itemCode: '000120001000', dependsOn: null },
      { itemId: 'housing:000140002000', department: 'housing', itemCode: '000140002000', dependsOn: 0 },
    ]);
    expect(parseJointInput(input({ kind: 'CENTRALIZED' })).kind).toBe('CENTRALIZED');
  });

  it('has 2 to 10 parts', () => {
    expect(problems(input({ parts: [{ itemId: 'natres:1' }] }))).toEqual([expect.stringMatching(/^parts: /)]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ itemId: `${i % 2 ? 'env' : 'natres'}:${i}` }));
    expect(problems(input({ parts: eleven }))).toEqual([expect.stringMatching(/^parts: /)]);
    expect(parseJointInput(input({ parts: eleven.slice(0, 10) })).parts).toHaveLength(10);
  });

  it('lets a part wait only for an earlier one', () => {
    const parts = [{ itemId: 'natres:1' }, { itemId: 'env:2', dependsOn: 1 }, { itemId: 'tax:3', dependsOn: 3 }];
    expect(problems(input({ parts }))).toEqual([
      'parts.1.dependsOn: must be the position of an earlier part',
      'parts.2.dependsOn: must be the position of an earlier part',
    ]);
  });

  it('lists every problem at once: unknown departments, a lead outside the parts, a bad credit code', () => {
    const bad = input({
      leadDepartment: 'market',
      applicant: { kind: 'ENTERPRISE', name: '青山置业有限公司', idNumber: '91330100-MA2B3C4' },
      parts: [{ itemId: 'natres:1' }, { itemId: 'police:2' }, { itemId: 'env' }],
    });
    expect(problems(bad)).toEqual([
      'applicant.idNumber: is not a valid ID number or credit code',
      "parts.1.itemId: names no department's item",
      "parts.2.itemId: names no department's item",
      "leadDepartment: must be one of the parts' departments",
    ]);
  });

  it('joins items of at least two departments', () => {
    const parts = [{ itemId: 'natres:000173003000' }, { itemId: 'natres:000173004000', dependsOn: 0 }];
    expect(problems(input({ parts }))).toEqual(['parts: must name items of at least two departments']);
  });

  it('refuses a kind of joint handling §26 does not know', () => {
    expect(problems(input({ kind: 'SERIAL' }))).toEqual([expect.stringMatching(/^kind: /)]);
  });
});
