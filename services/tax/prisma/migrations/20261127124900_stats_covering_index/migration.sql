-- Statistics over a period (the dashboard's "this month") read only this index: it holds every
-- column the measures use, so SQLite never visits the table rows (case-stats.ts).
CREATE INDEX "Case_stats_covering_idx" ON "Case"(submittedAt, status, concludedAt, deadline, suspendedAt, supplementRequestedAt, workingDaysToConclude);
