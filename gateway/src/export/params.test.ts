import { describe, expect, it } from 'vitest';
import { ExportInputError, exportRoute, parseExportParams, type ExportKind } from './params.js';

const parse = (kind: ExportKind, query: Record<string, string> | string) =>
  parseExportParams(kind, new URLSearchParams(query));

/** The parameter a refusal names, or null when the parameters were taken. */
function refused(kind: ExportKind, query: Record<string, string> | string): string | null {
  try {
    parse(kind, query);
    return null;
  } catch (error) {
    if (error instanceof ExportInputError) return error.parameter;
    throw error;
  }
}

describe('export routes', () => {
  it('are the cases and the statistics, each as CSV or XLSX', () => {
    expect(exportRoute('/export/cases.csv')).toEqual({ kind: 'cases', format: 'csv' });
    expect(exportRoute('/export/cases.xlsx')).toEqual({ kind: 'cases', format: 'xlsx' });
    expect(exportRoute('/export/case-stats.csv')).toEqual({ kind: 'case-stats', format: 'csv' });
    expect(exportRoute('/export/case-stats.xlsx')).toEqual({ kind: 'case-stats', format: 'xlsx' });
    for (const path of ['/export/cases', '/export/cases.pdf', '/export/cases.csv/', '/export/items.csv', '/cases.csv'])
      expect(exportRoute(path)).toBeNull();
  });
});

describe('export parameters', () => {
  it('default to no filter, the API order and Chinese headers', () => {
    expect(parse('cases', '')).toEqual({ kind: 'cases', filter: null, orderBy: null, lang: 'zh' });
    expect(parse('case-stats', '')).toEqual({ kind: 'case-stats', filter: null, groupBy: [], lang: 'zh' });
  });

  it('take the filter and order as the JSON of their GraphQL inputs', () => {
    const filter = { departments: ['housing'], overdue: true, submittedFrom: '2026-01-01T00:00:00Z' };
    const orderBy = { field: 'DEADLINE', direction: 'ASC' };
    expect(parse('cases', { filter: JSON.stringify(filter), orderBy: JSON.stringify(orderBy), lang: 'en' })).toEqual({
      kind: 'cases',
      filter,
      orderBy,
      lang: 'en',
    });
  });

  it('refuse a filter or an order that is not a JSON object', () => {
    for (const filter of ['{bad', '[1]', 'null', '"housing"', '3'])
      expect(refused('cases', { filter }), filter).toBe('filter');
    expect(refused('cases', { orderBy: '{"field":' })).toBe('orderBy');
    expect(refused('case-stats', { filter: '[]' })).toBe('filter');
  });

  it('take groupBy as comma-separated dimensions, in the order given', () => {
    expect(parse('case-stats', { groupBy: 'DEPARTMENT, MONTH' })).toMatchObject({ groupBy: ['DEPARTMENT', 'MONTH'] });
    expect(parse('case-stats', { groupBy: 'SUPERVISION_LEVEL,ITEM,STATUS,KIND,WEEK' })).toMatchObject({
      groupBy: ['SUPERVISION_LEVEL', 'ITEM', 'STATUS', 'KIND', 'WEEK'],
    });
  });

  it('refuse an unknown or repeated dimension', () => {
    expect(refused('case-stats', { groupBy: 'DEPARTMENT,COLOUR' })).toBe('groupBy');
    expect(refused('case-stats', { groupBy: 'department' })).toBe('groupBy');
    expect(refused('case-stats', { groupBy: 'MONTH,MONTH' })).toBe('groupBy');
  });

  it('refuse a language other than zh and en', () => {
    expect(refused('cases', { lang: 'fr' })).toBe('lang');
  });

  it('refuse parameters the export does not take, or one given twice', () => {
    expect(refused('cases', { filters: '{}' })).toBe('filters');
    expect(refused('cases', { groupBy: 'MONTH' })).toBe('groupBy');
    expect(refused('case-stats', { orderBy: '{}' })).toBe('orderBy');
    expect(refused('cases', 'lang=zh&lang=en')).toBe('lang');
  });
});
