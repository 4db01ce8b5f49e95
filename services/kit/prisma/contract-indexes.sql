-- Indexes on the contract's Case table that Prisma cannot express in a schema (expression and
-- partial indexes). The contract's first migration (contract-migrations/, which every department
-- links in) ends with this text, after the SQL `prisma migrate diff` writes for the models.
-- `migrate diff` compares models only, so later migrations leave these indexes alone.

-- Lists ordered by deadline sort by COALESCE(deadline, <sentinel>) so that cases without a
-- deadline come last in either direction (services/kit/src/department/case-list.ts). These
-- indexes match those expressions exactly, so SQLite walks the index instead of sorting, and a
-- filtered top-N list stops early. They also carry the columns the overdue condition reads
-- (deadline, concludedAt, suspendedAt): in deadline order the overdue cases are interleaved with
-- on-time ones (about 800 entries for "the 50 most overdue" at 200,000 cases), and each candidate
-- is tested from the index; the table is read only for the rows returned.
CREATE INDEX "Case_deadline_asc_order_idx" ON "Case"(COALESCE(deadline, '9999-12-31T23:59:59.999+00:00'), id, deadline, concludedAt, suspendedAt);
CREATE INDEX "Case_deadline_desc_order_idx" ON "Case"(COALESCE(deadline, '0000-01-01T00:00:00.000+00:00'), id, deadline, concludedAt, suspendedAt);

-- The department's headline numbers (Department.openCases, overdueCases) are counts over small
-- subsets of a large table. These partial indexes hold exactly those subsets, so the counts in
-- loaders.ts read only their own entries.
CREATE INDEX "Case_open_clock_idx" ON "Case"(deadline, suspendedAt) WHERE concludedAt IS NULL;
CREATE INDEX "Case_concluded_late_idx" ON "Case"(concludedAt) WHERE concludedAt > deadline;
