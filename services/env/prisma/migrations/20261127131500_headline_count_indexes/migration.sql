-- The department's headline numbers (Department.openCases, overdueCases) are counts over small
-- subsets of a large table. These partial indexes hold exactly those subsets, so the counts in
-- loaders.ts read only their own entries. Prisma cannot express partial indexes; later
-- `migrate diff` runs compare models only and leave them alone.
CREATE INDEX "Case_open_clock_idx" ON "Case"(deadline, suspendedAt) WHERE concludedAt IS NULL;
CREATE INDEX "Case_concluded_late_idx" ON "Case"(concludedAt) WHERE concludedAt > deadline;
