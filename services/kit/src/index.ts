// The department kit's public surface: what departments share (contract, lifecycle, calendar, database).
// What every service needs, departments or not, lives in @onewindow/runtime.
export * from './db/database.js';
export * from './department/catalog.js';
export * from './department/context.js';
export * from './department/database.js';
export * from './department/parents.js';
export * from './department/random.js';
export * from './department/seed.js';
export * from './department/case-number.js';
export * from './department/service.js';
export * from './department/working-days.js';
export { oneRowPerCase } from './department/loaders.js';
export * from './department/case-list.js';
export * from './department/case-status.js';
export { maskIdNumber } from './department/contract-resolvers.js';
export * from './db/bulk-insert.js';
export * from './db/statement-counter.js';
export * from './department/lifecycle/engine.js';
export * from './department/lifecycle/periods.js';
export * from './department/lifecycle/transitions.js';
export * from './department/lifecycle/labels.js';
export * from './department/lifecycle/notices.js';
export * from './department/case-stats.js';
export * from './department/applicant-id.js';
export { fitsApplicantKind } from './department/lifecycle/validation.js';
export * from './calendar/index.js';
export { currentWorkingCalendar, isProvisionalDay, useWorkingCalendar } from './department/calendar.js';
