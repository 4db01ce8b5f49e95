import type { CalendarChangeResolvers, CalendarYearResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '@onewindow/runtime';

const days = (json: string) => JSON.parse(json) as string[];

export const CalendarChange: CalendarChangeResolvers = {
  holidays: (change) => days(change.holidays),
  adjustedWorkdays: (change) => days(change.adjustedWorkdays),
  changedDays: (change) => days(change.changedDays),
  enteredBy: (change) => toGlobalId('center', change.enteredBy),
  enteredAt: (change) => change.enteredAt.toISOString(),
};

export const CalendarYear: CalendarYearResolvers = {
  change: (year, _, { db }) =>
    year.status === 'OFFICIAL' ? db.calendarChange.findFirst({ where: { year: year.year }, orderBy: { id: 'desc' } }) : null,
};
