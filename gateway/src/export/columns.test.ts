import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isObjectType, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CASE_COLUMNS, STATS_DIMENSIONS, STATS_MEASURES, statsColumns, type CaseNode } from './columns.js';
import { DEPARTMENTS_DOCUMENT, STATS_DOCUMENT, casesDocument } from './operations.js';

const supergraph = buildSchema(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));

describe('what the export asks for', () => {
  it('is valid against the committed supergraph', () => {
    for (const document of [casesDocument(true), casesDocument(false), STATS_DOCUMENT, DEPARTMENTS_DOCUMENT])
      expect(validate(supergraph, parse(document)), document).toEqual([]);
  });

  it('covers every CaseStatsDimension and every field of CaseStatsRow', () => {
    const dimension = supergraph.getType('CaseStatsDimension');
    const row = supergraph.getType('CaseStatsRow');
    if (!isEnumType(dimension) || !isObjectType(row)) throw new Error('the supergraph lacks the stats types');
    expect(STATS_DIMENSIONS.map((d) => d.dimension).sort()).toEqual(
      dimension
        .getValues()
        .map((v) => v.name)
        .sort(),
    );
    expect([...STATS_DIMENSIONS.map((d) => d.field), ...STATS_MEASURES.map((m) => m.field)].sort()).toEqual(
      Object.keys(row.getFields()).sort(),
    );
  });
});

describe('columns', () => {
  const node: CaseNode = {
    number: 'HOUSING-20261120-000001',
    department: { name: '住房和城乡建设局' },
    item: { name: '商品房预售许可', code: '000140001000' },
    applicant: { name: '张**' },
    statusLabel: '审查中',
    submittedAt: '2026-11-20T01:02:00.000Z',
    acceptedAt: '2026-11-20T02:00:00.000Z',
    deadline: '2026-12-04T15:59:59.999Z',
    concludedAt: null,
    remainingWorkingDays: -2,
    overdue: true,
    supervisionLevelLabel: '红牌',
  };

  it('give a case its cells, in the order of the headers', () => {
    expect(CASE_COLUMNS.map((c) => c.header.zh)).toEqual([
      '办件编号',
      '部门',
      '事项',
      '事项编码',
      '申请人',
      '状态',
      '提交时间',
      '受理时间',
      '承诺期限',
      '办结时间',
      '剩余工作日',
      '是否超期',
      '督办等级',
    ]);
    expect(CASE_COLUMNS.map((c) => c.cell(node))).toEqual([
      'HOUSING-20261120-000001',
      '住房和城乡建设局',
      '商品房预售许可',
      '000140001000',
      '张**',
      '审查中',
      '2026-11-20 09:02',
      '2026-11-20 10:00',
      '2026-12-04 23:59',
      null,
      -2,
      '是',
      '红牌',
    ]);
    expect(CASE_COLUMNS.find((c) => c.key === 'overdue')!.cell({ ...node, overdue: false })).toBe('否');
  });

  it('have an English header each', () => {
    for (const column of CASE_COLUMNS) expect(column.header.en).toMatch(/^[A-Z][A-Za-z -]+$/);
  });

  it('of statistics are the keys grouped by, in that order, then every measure', () => {
    const columns = statsColumns(['MONTH', 'DEPARTMENT']);
    expect(columns.map((c) => c.key)).toEqual(['month', 'department', ...STATS_MEASURES.map((m) => m.field)]);
    const row = { month: '2026-11', department: 'env', count: 4, onTimeRate: null, averageWorkingDaysToConclude: 2.5 };
    expect(columns.map((c) => c.cell(row)).slice(0, 3)).toEqual(['2026-11', 'env', 4]);
    expect(columns.find((c) => c.key === 'onTimeRate')!.cell(row)).toBeNull();
    expect(statsColumns([]).map((c) => c.key)).toEqual(STATS_MEASURES.map((m) => m.field));
  });
});
