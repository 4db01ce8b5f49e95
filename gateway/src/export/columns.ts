/**
 * What an export holds: its columns, their headers in Chinese and English, the GraphQL selection
 * that gives each value, and how a value becomes a cell. The values are the API's own answers
 * (an analyst's applicant names come masked, as the API masks them); only instants are shown in
 * China time and `overdue` as 是/否.
 */
import type { Cell } from './csv.js';
import { chinaTime } from './format.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export interface Column<T> {
  /** The column's name in the code and the tests. */
  key: string;
  header: Record<Lang, string>;
  /** Its width in a worksheet, in characters. */
  width: number;
  cell: (row: T) => Cell;
}

/** A case as the export asks for it (CASE_SELECTION). */
export interface CaseNode {
  number: string;
  department: { name: string };
  item: { name: string; code: string };
  applicant: { name: string };
  statusLabel: string;
  submittedAt: string;
  acceptedAt: string | null;
  deadline: string | null;
  concludedAt: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  supervisionLevelLabel: string;
}

/** The fields of `Case` each exported case is asked for (schema/supergraph.graphql). */
export const CASE_SELECTION =
  'number department { name } item { name code } applicant { name } statusLabel submittedAt acceptedAt deadline concludedAt remainingWorkingDays overdue supervisionLevelLabel';

export const CASE_COLUMNS: readonly Column<CaseNode>[] = [
  { key: 'number', header: { zh: '办件编号', en: 'Case number' }, width: 22, cell: (c) => c.number },
  { key: 'department', header: { zh: '部门', en: 'Department' }, width: 16, cell: (c) => c.department.name },
  { key: 'item', header: { zh: '事项', en: 'Item' }, width: 36, cell: (c) => c.item.name },
  { key: 'itemCode', header: { zh: '事项编码', en: 'Item code' }, width: 16, cell: (c) => c.item.code },
  { key: 'applicant', header: { zh: '申请人', en: 'Applicant' }, width: 24, cell: (c) => c.applicant.name },
  { key: 'status', header: { zh: '状态', en: 'Status' }, width: 12, cell: (c) => c.statusLabel },
  {
    key: 'submittedAt',
    header: { zh: '提交时间', en: 'Submitted at' },
    width: 17,
    cell: (c) => chinaTime(c.submittedAt),
  },
  { key: 'acceptedAt', header: { zh: '受理时间', en: 'Accepted at' }, width: 17, cell: (c) => chinaTime(c.acceptedAt) },
  { key: 'deadline', header: { zh: '承诺期限', en: 'Deadline' }, width: 17, cell: (c) => chinaTime(c.deadline) },
  {
    key: 'concludedAt',
    header: { zh: '办结时间', en: 'Concluded at' },
    width: 17,
    cell: (c) => chinaTime(c.concludedAt),
  },
  {
    key: 'remainingWorkingDays',
    header: { zh: '剩余工作日', en: 'Working days left' },
    width: 12,
    cell: (c) => c.remainingWorkingDays,
  },
  { key: 'overdue', header: { zh: '是否超期', en: 'Overdue' }, width: 10, cell: (c) => (c.overdue ? '是' : '否') },
  {
    key: 'supervisionLevel',
    header: { zh: '督办等级', en: 'Supervision level' },
    width: 12,
    cell: (c) => c.supervisionLevelLabel,
  },
];

/** A row of `caseStats` as the export asks for it: every grouping key and every measure. */
export type StatsRow = Record<string, string | number | null>;

/** The `CaseStatsDimension` values, each with the `CaseStatsRow` field that holds its key. */
export const STATS_DIMENSIONS = [
  { dimension: 'DEPARTMENT', field: 'department', header: { zh: '部门', en: 'Department' }, width: 12 },
  { dimension: 'ITEM', field: 'itemCode', header: { zh: '事项编码', en: 'Item code' }, width: 16 },
  { dimension: 'STATUS', field: 'status', header: { zh: '状态', en: 'Status' }, width: 14 },
  { dimension: 'KIND', field: 'kind', header: { zh: '事项类型', en: 'Item kind' }, width: 12 },
  { dimension: 'MONTH', field: 'month', header: { zh: '月份', en: 'Month' }, width: 10 },
  { dimension: 'WEEK', field: 'week', header: { zh: '周', en: 'Week' }, width: 10 },
  {
    dimension: 'SUPERVISION_LEVEL',
    field: 'supervisionLevel',
    header: { zh: '督办等级', en: 'Supervision level' },
    width: 12,
  },
] as const;

export type StatsDimension = (typeof STATS_DIMENSIONS)[number]['dimension'];

/** Every measure of `CaseStatsRow`, in the schema's order. */
export const STATS_MEASURES = [
  { field: 'count', header: { zh: '办件数', en: 'Cases' } },
  { field: 'concluded', header: { zh: '办结数', en: 'Concluded' } },
  { field: 'decided', header: { zh: '作出决定数', en: 'Decided' } },
  { field: 'onTime', header: { zh: '按时办结数', en: 'On time' } },
  { field: 'onTimeRate', header: { zh: '按时办结率', en: 'On-time rate' } },
  { field: 'overdue', header: { zh: '超期数', en: 'Overdue' } },
  { field: 'denials', header: { zh: '否定数', en: 'Denials' } },
  { field: 'supplements', header: { zh: '一次性告知数', en: 'Supplement requests' } },
  {
    field: 'averageWorkingDaysToConclude',
    header: { zh: '平均办理工作日', en: 'Average working days to conclude' },
  },
  { field: 'durationSamples', header: { zh: '办理时长样本数', en: 'Duration samples' } },
  { field: 'decidedAtWindow', header: { zh: '窗口办结数', en: 'Decided at the window' } },
] as const;

/** The fields of `CaseStatsRow` the export asks for: every key (null where not grouped by) and every measure. */
export const STATS_SELECTION = [...STATS_DIMENSIONS.map((d) => d.field), ...STATS_MEASURES.map((m) => m.field)].join(
  ' ',
);

const cellOf = (value: string | number | null | undefined): Cell => (value === undefined ? null : value);

/** The columns of a stats export: the keys grouped by, in the order asked, then every measure. */
export function statsColumns(groupBy: readonly StatsDimension[]): Column<StatsRow>[] {
  const keys = groupBy.map((dimension) => {
    const { field, header, width } = STATS_DIMENSIONS.find((d) => d.dimension === dimension)!;
    return { key: field, header, width, cell: (row: StatsRow) => cellOf(row[field]) };
  });
  const measures = STATS_MEASURES.map(({ field, header }) => ({
    key: field,
    header,
    width: Math.max(10, header.zh.length * 2 + 2),
    cell: (row: StatsRow) => cellOf(row[field]),
  }));
  return [...keys, ...measures];
}
