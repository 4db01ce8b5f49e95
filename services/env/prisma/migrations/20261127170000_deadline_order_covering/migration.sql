-- The deadline-order indexes also carry the columns the overdue condition reads (deadline,
-- concludedAt, suspendedAt), so a filtered top-N list ("the 50 most overdue") tests each
-- candidate from the index and reads the table only for the rows it returns: in deadline order
-- the overdue cases are interleaved with on-time ones (about 800 entries for 50 rows at 200,000
-- cases). These replace the narrower indexes of 20261127123800_deadline_order_indexes.
DROP INDEX "Case_deadline_asc_order_idx";
DROP INDEX "Case_deadline_desc_order_idx";
CREATE INDEX "Case_deadline_asc_order_idx" ON "Case"(COALESCE(deadline, '9999-12-31T23:59:59.999+00:00'), id, deadline, concludedAt, suspendedAt);
CREATE INDEX "Case_deadline_desc_order_idx" ON "Case"(COALESCE(deadline, '0000-01-01T00:00:00.000+00:00'), id, deadline, concludedAt, suspendedAt);
