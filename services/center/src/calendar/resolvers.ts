import { BadUserInputError, checkPageSize } from '@onewindow/runtime';
import { currentWorkingCalendar } from '@onewindow/kit';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { shownPerson } from '../ids.js';
import { storedList } from '@onewindow/runtime';
import { calendarWarnings, enterCalendarYear } from './calendar.js';

/** The working-day calendar: its years, the changes entered at the center, and warnings. */
export const calendarResolvers: Resolvers = {
  Query: {
    calendarYear: (_, { year }) => {
      if (!Number.isInteger(year) || year < 1901 || year > 2099) {
        throw new BadUserInputError('year must be between 1901 and 2099.', { argument: 'year' });
      }
      return currentWorkingCalendar().year(year);
    },
    calendarChanges: (_, { after, first }, { db }) =>
      db.calendarChange.findMany({
        where: { id: { gt: after ?? 0 } },
        orderBy: { id: 'asc' },
        take: checkPageSize(first, 50, 200),
      }),
    calendarWarnings: (_, __, { now }) => calendarWarnings(currentWorkingCalendar(), now),
  },
  Mutation: {
    enterCalendarYear: (_, { input }, { db, actor, audit, now }) =>
      enterCalendarYear(db, currentWorkingCalendar, input, { actor, audit }, now),
  },
  CalendarChange: {
    holidays: (change) => storedList(change.holidays),
    adjustedWorkdays: (change) => storedList(change.adjustedWorkdays),
    changedDays: (change) => storedList(change.changedDays),
    enteredBy: (change) => shownPerson(change.enteredBy),
    enteredAt: (change) => change.enteredAt.toISOString(),
  },
  CalendarYear: {
    change: (year, _, { db }) =>
      year.status === 'OFFICIAL'
        ? db.calendarChange.findFirst({ where: { year: year.year }, orderBy: { id: 'desc' } })
        : null,
  },
};
