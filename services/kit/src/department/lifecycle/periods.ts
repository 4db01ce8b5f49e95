import { addWorkingDays } from '../working-days.js';

/**
 * §32 of the Administrative Licensing Law: the notice of missing materials is due within 5 working days of
 * receipt.
 */
export const NOTICE_PERIOD_WORKING_DAYS = 5;

/** §42: the head of the authority may extend the limit once, by 10 working days (§82: days are working days). */
export const EXTENSION_MAX_WORKING_DAYS = 10;

/** The end of the §32 notice period for a case received at `receivedAt`. */
export function noticePeriodEnd(receivedAt: Date): Date {
  return addWorkingDays(receivedAt, NOTICE_PERIOD_WORKING_DAYS);
}
