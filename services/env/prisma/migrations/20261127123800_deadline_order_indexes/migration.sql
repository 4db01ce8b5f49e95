-- Lists ordered by deadline sort by COALESCE(deadline, <sentinel>) so that cases without a
-- deadline come last in either direction (services/kit/src/department/case-list.ts). These
-- expression indexes match those expressions exactly, so SQLite walks the index instead of
-- sorting, and a filtered top-N list stops early. Prisma cannot express them in the schema;
-- later `migrate diff` runs compare models only and leave them alone.
CREATE INDEX "Case_deadline_asc_order_idx" ON "Case"(COALESCE(deadline, '9999-12-31T23:59:59.999+00:00'), id);
CREATE INDEX "Case_deadline_desc_order_idx" ON "Case"(COALESCE(deadline, '0000-01-01T00:00:00.000+00:00'), id);
