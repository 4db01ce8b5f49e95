import type { CaseStatus, SpecialProcedure, SupervisionLevel } from '../../__generated__/resolvers-types.js';

/**
 * Chinese labels of the contract's enums, as a county hall shows them on the public tracking
 * page, in notices and in exports. One table per enum; a test reads the enums' values from the
 * schema, so a value added without a label fails it.
 */

/** 办件状态. */
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  SUBMITTED: '待受理',
  SUPPLEMENT_REQUESTED: '待补正',
  ACCEPTED: '已受理',
  IN_REVIEW: '审查中',
  SUSPENDED: '特别程序中',
  APPROVED: '准予许可',
  DENIED: '不予许可',
  NOT_ACCEPTED: '不予受理',
  WITHDRAWN: '已撤回',
};

/** 电子监察 levels. */
export const SUPERVISION_LEVEL_LABELS: Readonly<Record<SupervisionLevel, string>> = {
  NONE: '正常',
  WARNING: '预警',
  YELLOW: '黄牌',
  RED: '红牌',
};

/**
 * 特别程序: the eight of 行政许可法 §45, and one another law or regulation allows. The national
 * government service platform's own code list for 特别程序种类 could not be found or verified, so
 * these codes are ours (English names of the statutory list), not the platform's; map them at the
 * point of exchange once its list is in hand.
 */
export const SPECIAL_PROCEDURE_LABELS: Readonly<Record<SpecialProcedure, string>> = {
  HEARING: '听证',
  TENDERING: '招标',
  AUCTION: '拍卖',
  INSPECTION: '检验',
  TESTING: '检测',
  QUARANTINE: '检疫',
  APPRAISAL: '鉴定',
  EXPERT_REVIEW: '专家评审',
  OTHER: '其他特别程序',
};

/** The label of an enum value, or the value itself when the table lacks it (never an empty string). */
export function labelOf(table: Readonly<Record<string, string>>, value: string): string {
  return table[value] ?? value;
}
